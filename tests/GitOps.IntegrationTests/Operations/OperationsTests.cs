using System.Text.Json.Nodes;
using GitOps.Cli.Commands;
using GitOps.Core.Alerts;
using GitOps.Core.Messaging;
using GitOps.Core.Operations;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;
using k8s;

namespace GitOps.IntegrationTests.Operations;

/// <summary>Rollback by pinning, suspend and resume, manual sync: through the core operations the CLI calls, on Azurite, the emulator and real git.</summary>
[Collection(PipelineCollection.Name)]
public sealed class OperationsTests
{
    private readonly PipelineFixture _fixture;

    public OperationsTests(PipelineFixture fixture) => _fixture = fixture;

    private KubeEmulator.EmulatorControl Cluster => _fixture.Emulator.Control;

    [Fact]
    public async Task Rollback_PinsAnAppliedRevision_NewCommitsWait_CorrectionKeepsThePin_UnpinAppliesHead()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        var (one, _) = await TwoRevisionsAsync(pipeline);

        var rollback = await Ops(pipeline).RollbackAsync(new OperationRequest(pipeline.App, null, "alice") { Revision = one[..8], Reason = "bad release" }, default);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);

        Assert.Equal("pinned to " + one[..12] + " and queued its sync", rollback.Message);
        Assert.Equal(1, await ReplicasAsync(pipeline));
        var status = await pipeline.StatusAsync();
        Assert.Equal((one, one), (status.AppliedRevision, status.PinnedRevision));
        Assert.StartsWith("alice at ", status.PinnedBy, StringComparison.Ordinal);
        Assert.EndsWith(": bad release", status.PinnedBy, StringComparison.Ordinal);
        Assert.Equal(SyncPolicy.Auto, (await pipeline.Get<RegistryStore>().LoadAsync()).FindApp(pipeline.App)!.SyncPolicy);
        var row = (await pipeline.HistoryAsync())[0];
        Assert.Equal((ReconcileReasons.Rollback, SyncResult.Succeeded), (row.Reason, row.Result));
        Assert.StartsWith("alice at ", row.RequestedBy, StringComparison.Ordinal);

        // A new commit while pinned is recorded as pending, not applied.
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 5));
        var five = pipeline.Repo.Commit("five replicas");
        await pipeline.SyncAsync();
        Assert.Equal(1, await ReplicasAsync(pipeline));
        status = await pipeline.StatusAsync();
        Assert.Equal((one, five), (status.AppliedRevision, status.PendingRevision));
        Assert.Contains($"pinned at {one[..12]}", (await pipeline.HistoryAsync())[0].Message, StringComparison.Ordinal);
        Assert.Contains($"HEAD is {five[..12]}", (await pipeline.HistoryAsync())[0].Message, StringComparison.Ordinal);

        // A drift correction puts back the pinned revision, not the head.
        await pipeline.Get<RegistryStore>().ApplyAsync(Registry(pipeline, DriftPolicy.Correct));
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":4}}""", "kubectl-edit");
        await pipeline.ScanAsync();
        Assert.Equal(1, await ReplicasAsync(pipeline));

        await Ops(pipeline).UnpinAsync(new OperationRequest(pipeline.App, "emulator", "alice"), default);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);
        Assert.Equal(5, await ReplicasAsync(pipeline));
        status = await pipeline.StatusAsync();
        Assert.Equal((five, null, null), (status.AppliedRevision, status.PinnedRevision, status.PendingRevision));
    }

    [Fact]
    public async Task Suspend_BlocksSyncAndCorrectionButNotDriftAlerts_ResumeAppliesTheNewestPending()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        await TwoRevisionsAsync(pipeline);
        await pipeline.Get<RegistryStore>().ApplyAsync(Registry(pipeline, DriftPolicy.Correct));

        await Ops(pipeline).SuspendAsync(new OperationRequest(pipeline.App, null, "bob") { Reason = "maintenance" }, default);
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 4));
        pipeline.Repo.Commit("four");
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 6));
        var six = pipeline.Repo.Commit("six");
        await pipeline.SyncAsync();
        Assert.Equal(3, await ReplicasAsync(pipeline));
        Assert.Equal(six, (await pipeline.StatusAsync()).PendingRevision);
        var manual = await Assert.ThrowsAsync<OperationException>(() => Ops(pipeline).SyncAsync(new OperationRequest(pipeline.App, null, "bob"), default));
        Assert.Equal(409, manual.Status);

        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":9}}""", "kubectl-edit");
        await pipeline.ScanAsync();
        Assert.Equal(9, await ReplicasAsync(pipeline));
        Assert.Contains(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default), a => a.Kind == AlertKind.Drift && a.IsOpen);

        await Ops(pipeline).ResumeAsync(new OperationRequest(pipeline.App, null, "bob"), default);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);
        Assert.Equal(6, await ReplicasAsync(pipeline));
        var status = await pipeline.StatusAsync();
        Assert.Equal((six, false, null), (status.AppliedRevision, status.Suspended, status.PendingRevision));
    }

    [Fact]
    public async Task AutoRollback_AfterAFailedRollout_PinsTheLastHealthyRevision_WithOneAlert()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 1));
        var one = pipeline.Repo.Commit("one replica");
        await pipeline.RegisterAsync(app: a => a with { AutoRollback = true });
        await pipeline.SyncAsync();
        Assert.Equal((HealthState.Healthy, one), ((await pipeline.StatusAsync()).Health, (await pipeline.StatusAsync()).LastHealthyRevision));

        // The next revision adds a Deployment whose rollout fails.
        Cluster.SetRollout(pipeline.Namespace, "api", KubeEmulator.RolloutMode.Failed);
        pipeline.Repo.Write("app/api.yaml", Manifests.Deployment("api", replicas: 2));
        pipeline.Repo.Commit("add api, a bad rollout");
        await pipeline.SyncAsync();

        var status = await pipeline.StatusAsync();
        Assert.Equal((one, one), (status.PinnedRevision, status.AppliedRevision));
        Assert.StartsWith("autoRollback at ", status.PinnedBy, StringComparison.Ordinal);
        Assert.Equal(HealthState.Healthy, status.Health);
        Assert.Equal(1, await ReplicasAsync(pipeline));
        Assert.DoesNotContain("api", Cluster.ListObjectNames("apps/v1", "Deployment", pipeline.Namespace));
        var alert = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
        Assert.Equal(AlertKind.Degraded, alert.Kind);
        Assert.Contains($"autoRollback: pinned to {one[..12]}", alert.Summary, StringComparison.Ordinal);
        Assert.StartsWith($"healthy at {one[..12]}", alert.Resolution, StringComparison.Ordinal);
        Assert.Contains(await pipeline.HistoryAsync(), h => h.Reason == ReconcileReasons.Rollback && h.Revision == one && h.Result == SyncResult.Succeeded);
        Assert.Equal(SyncPolicy.Auto, (await pipeline.Get<RegistryStore>().LoadAsync()).FindApp(pipeline.App)!.SyncPolicy);
    }

    [Fact]
    public async Task BadRequests_AreNotFoundOrBadRequest_NamingWhat()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        await TwoRevisionsAsync(pipeline);
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 7));
        var never = pipeline.Repo.Commit("never applied");
        var ops = Ops(pipeline);

        var unknownApp = await Assert.ThrowsAsync<OperationException>(() => ops.SyncAsync(new OperationRequest("nope", null, "x"), default));
        var unknownCluster = await Assert.ThrowsAsync<OperationException>(() => ops.SyncAsync(new OperationRequest(pipeline.App, "mars", "x"), default));
        var noRevision = await Assert.ThrowsAsync<OperationException>(() => ops.RollbackAsync(new OperationRequest(pipeline.App, null, "x"), default));
        var notApplied = await Assert.ThrowsAsync<OperationException>(() => ops.RollbackAsync(new OperationRequest(pipeline.App, null, "x") { Revision = never[..10] }, default));
        var notOnBranch = await Assert.ThrowsAsync<OperationException>(() => ops.RollbackAsync(new OperationRequest(pipeline.App, null, "x") { Revision = "0123456789abcdef", Any = true }, default));

        Assert.Equal((404, $"app/nope is not registered"), (unknownApp.Status, unknownApp.Message));
        Assert.Equal((404, $"app/{pipeline.App} is not applied to cluster/mars (its clusters: emulator)"), (unknownCluster.Status, unknownCluster.Message));
        Assert.Equal(400, noRevision.Status);
        Assert.StartsWith("revision: required", noRevision.Message, StringComparison.Ordinal);
        Assert.Equal((400, $"revision: {never[..10]} was never applied to cluster/emulator (see gitops history {pipeline.App}); add --any for any commit of the branch"), (notApplied.Status, notApplied.Message));
        Assert.Equal(400, notOnBranch.Status);

        // With --any, a commit of the branch that was never applied is a valid rollback target.
        await ops.RollbackAsync(new OperationRequest(pipeline.App, null, "x") { Revision = never[..10], Any = true }, default);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);
        Assert.Equal(7, await ReplicasAsync(pipeline));
    }

    [Fact]
    public async Task RollbackAndSyncArrivingTogether_EndInOneConsistentState()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        var (one, _) = await TwoRevisionsAsync(pipeline);
        var ops = Ops(pipeline);

        await Task.WhenAll(
            ops.RollbackAsync(new OperationRequest(pipeline.App, null, "alice") { Revision = one }, default),
            ops.SyncAsync(new OperationRequest(pipeline.App, null, "bob"), default));
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);

        // Whatever the order, the app ends pinned and the cluster runs what the status says it applied.
        var status = await pipeline.StatusAsync();
        Assert.Equal(one, status.PinnedRevision);
        var applied = status.AppliedRevision == one ? 1 : 3;
        Assert.Equal(applied, await ReplicasAsync(pipeline));
        await ops.SyncAsync(new OperationRequest(pipeline.App, null, "bob"), default);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);
        Assert.Equal((one, 1), ((await pipeline.StatusAsync()).AppliedRevision, await ReplicasAsync(pipeline)));
    }

    [Fact]
    public async Task AppsAndHistory_ShowThePinWhoAndWhy_AsTablesAndJson()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        var (one, _) = await TwoRevisionsAsync(pipeline);
        await Ops(pipeline).RollbackAsync(new OperationRequest(pipeline.App, null, OperationsCommands.LocalActor) { Revision = one, Reason = "rollback drill" }, default);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);

        using var json = new StringWriter();
        await OperationsCommands.PrintAppsAsync(pipeline.Runtime.Services, json: true, json, default);
        var app = Assert.Single(JsonNode.Parse(json.ToString())!.AsArray(), a => (string?)a!["app"] == pipeline.App)!;
        Assert.Equal((one, one, "Succeeded", "auto"), ((string?)app["appliedRevision"], (string?)app["pinnedRevision"], (string?)app["syncResult"], (string?)app["syncPolicy"]));
        Assert.Contains("rollback drill", (string?)app["pinnedBy"], StringComparison.Ordinal);

        using var table = new StringWriter();
        await OperationsCommands.PrintHistoryAsync(pipeline.Runtime.Services, pipeline.App, null, 10, json: false, table, default);
        var lines = table.ToString().Split('\n');
        Assert.Matches($@"emulator\s+{one[..12]}\s+rollback\s+Succeeded", lines[1]);
        Assert.Contains("requested by " + OperationsCommands.LocalActor, lines[2], StringComparison.Ordinal);
    }

    private static AppOperations Ops(TestPipeline pipeline) => pipeline.Get<AppOperations>();

    private RegistrySnapshot Registry(TestPipeline pipeline, DriftPolicy drift) => new(
        [new SourceDefinition("config", pipeline.Repo.Path)],
        [new ClusterDefinition("emulator", KubeconfigFile: _fixture.Kubeconfig)],
        [new AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace, DriftPolicy = drift }]);

    /// <summary>Revision one (1 replica) applied, then revision three (3 replicas) applied.</summary>
    private static async Task<(string One, string Three)> TwoRevisionsAsync(TestPipeline pipeline)
    {
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 1));
        var one = pipeline.Repo.Commit("one replica");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 3));
        var three = pipeline.Repo.Commit("three replicas");
        await pipeline.SyncAsync();
        return (one, three);
    }

    private static async Task<int?> ReplicasAsync(TestPipeline pipeline)
    {
        using var kube = pipeline.Kube();
        return (await kube.AppsV1.ReadNamespacedDeploymentAsync("web", pipeline.Namespace)).Spec.Replicas;
    }
}
