using System.Text.Json.Nodes;
using GitOps.Core.Alerts;
using GitOps.Core.Apply;
using GitOps.Core.Drift;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using GitOps.IntegrationTests.Infrastructure;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Pipeline;

/// <summary>The whole loop through Azurite queues, a real git repository and the emulator.</summary>
[Collection(PipelineCollection.Name)]
public sealed class EndToEndTests
{
    private readonly PipelineFixture _fixture;

    public EndToEndTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Commit_ReachesCluster_AndLiveEditRaisesDriftAlertNamingTheField()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "hello"));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 2));
        var revision = pipeline.Repo.Commit("add web");
        await pipeline.RegisterAsync();

        await pipeline.SyncAsync();

        // The objects exist, with our field manager and ownership label.
        using var kube = pipeline.Kube();
        var deployment = await kube.AppsV1.ReadNamespacedDeploymentAsync("web", pipeline.Namespace);
        Assert.Equal(pipeline.App, deployment.Metadata.Labels[Ownership.AppLabel]);
        Assert.Contains(deployment.Metadata.ManagedFields, m => m.Manager == Ownership.FieldManager && m.Operation == "Apply");
        var config = await kube.CoreV1.ReadNamespacedConfigMapAsync("settings", pipeline.Namespace);
        Assert.Equal("hello", config.Data["greeting"]);

        // History and status rows say so.
        var history = await pipeline.Get<SyncHistoryStore>().ListAsync(pipeline.App, "emulator", 10, default);
        var record = Assert.Single(history);
        Assert.Equal(SyncResult.Succeeded, record.Result);
        Assert.Equal(revision, record.Revision);
        Assert.Equal(3, record.Created);
        var status = await pipeline.Get<AppStatusStore>().GetAsync(pipeline.App, "emulator", default);
        Assert.Equal(revision, status!.AppliedRevision);
        Assert.Equal(SnapshotStore.NameOf(pipeline.App, "emulator", revision), status.SnapshotBlob);

        // No false drift right after a sync, though the server defaulted many fields.
        await pipeline.ScanAsync();
        Assert.Empty(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
        Assert.Equal(DriftState.InSync, (await pipeline.Get<AppStatusStore>().GetAsync(pipeline.App, "emulator", default))!.Drift);

        // A live edit behind the pipeline's back.
        await kube.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "web", pipeline.Namespace, fieldManager: "kubectl-edit");
        await pipeline.ScanAsync();

        var alert = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
        Assert.Equal(AlertKind.Drift, alert.Kind);
        Assert.Equal(revision, alert.Revision);
        Assert.Contains($"Deployment/{pipeline.Namespace}/web spec.replicas", alert.Summary, StringComparison.Ordinal);
        var report = await pipeline.Get<DriftReportStore>().ReadAsync(alert.ReportBlob!, default);
        var item = Assert.Single(report["items"]!.AsArray());
        Assert.Equal($"Deployment/{pipeline.Namespace}/web", (string?)item!["object"]);
        Assert.Equal("spec.replicas", (string?)item["path"]);
        Assert.Equal(2, (int)item["desired"]!);
        Assert.Equal(4, (int)item["live"]!);

        // The same drift scanned again raises no second alert.
        await pipeline.ScanAsync();
        Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
    }

    [Fact]
    public async Task NewApp_OnASourceAlreadyPolled_IsSyncedWithoutWaitingForACommit()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "first"));
        pipeline.Repo.Write("second/config.yaml", Manifests.ConfigMap("second", "later"));
        pipeline.Repo.Commit("two app folders, one registered");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();
        var first = new Core.Registry.AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace };

        await pipeline.RegisterAppsAsync(null, first, first with { Name = pipeline.App + "-b", Path = "second" });
        await pipeline.SyncAsync();

        Assert.Contains("second", _fixture.Emulator.Control.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync(pipeline.App + "-b")).LastResult);
        Assert.Single(await pipeline.HistoryAsync());
    }

    [Fact]
    public async Task PatchTargetSelectingNothing_SyncsAsKubectlWould_AndTheHistoryRowWarns()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "hello"));
        pipeline.Repo.Write("app/kustomization.yaml", """
            resources: [namespace.yaml, config.yaml]
            patches:
              - target: {kind: Deployment}
                patch: |-
                  - op: add
                    path: /spec/replicas
                    value: 2
            """);
        pipeline.Repo.Commit("a component-style patch for a kind this app lacks");
        await pipeline.RegisterAsync();

        await pipeline.SyncAsync();

        var record = Assert.Single(await pipeline.HistoryAsync());
        Assert.Equal((SyncResult.Succeeded, 2), (record.Result, record.Created));
        Assert.Contains("1 warning(s)", record.Message, StringComparison.Ordinal);
        Assert.Contains(record.Details, d => d.StartsWith("warning app/kustomization.yaml:3: patch ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewCommit_IsApplied_AndRecordedAsConfigured()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "v1"));
        pipeline.Repo.Commit("v1");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();

        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "v2"));
        var second = pipeline.Repo.Commit("v2");
        await pipeline.SyncAsync();

        using var kube = pipeline.Kube();
        Assert.Equal("v2", (await kube.CoreV1.ReadNamespacedConfigMapAsync("settings", pipeline.Namespace)).Data["greeting"]);
        var history = await pipeline.Get<SyncHistoryStore>().ListAsync(pipeline.App, "emulator", 10, default);
        Assert.Equal(2, history.Count);
        Assert.Equal(second, history[0].Revision);
        Assert.Equal(1, history[0].Configured);
        Assert.Equal(1, history[0].Unchanged);
    }

    [Fact]
    public async Task DriftPolicyCorrect_ReappliesTheAppliedRevision()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 2));
        pipeline.Repo.Commit("add web");
        await pipeline.RegisterAsync(drift: Core.Registry.DriftPolicy.Correct);
        await pipeline.SyncAsync();
        using var kube = pipeline.Kube();
        await kube.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":7}}""", V1Patch.PatchType.MergePatch), "web", pipeline.Namespace, fieldManager: "kubectl-edit");

        await pipeline.ScanAsync();

        Assert.Equal(2, (await kube.AppsV1.ReadNamespacedDeploymentAsync("web", pipeline.Namespace)).Spec.Replicas);
        Assert.Contains(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default), a => a.Kind == AlertKind.Drift);
        var history = await pipeline.Get<SyncHistoryStore>().ListAsync(pipeline.App, "emulator", 10, default);
        Assert.Equal("drift-correction", history[0].Reason);
        Assert.Equal(SyncResult.Succeeded, history[0].Result);
    }

    [Fact]
    public async Task SecretValues_NeverReachTheSnapshotOrTheDriftReport()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/secret.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
            stringData:
              password: s3cr3t-in-git
            """);
        var revision = pipeline.Repo.Commit("secret");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();
        using var kube = pipeline.Kube();
        await kube.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("""{"data":{"password":"bGl2ZS1zM2NyM3Q="}}""", V1Patch.PatchType.MergePatch), "db", pipeline.Namespace, fieldManager: "kubectl-edit");

        await pipeline.ScanAsync();

        var snapshot = await pipeline.Storage.Container(StorageNames.RenderedContainer)
            .GetBlobClient(SnapshotStore.NameOf(pipeline.App, "emulator", revision)).DownloadContentAsync();
        Assert.DoesNotContain("s3cr3t-in-git", snapshot.Value.Content.ToString(), StringComparison.Ordinal);
        var alert = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
        var report = (await pipeline.Get<DriftReportStore>().ReadAsync(alert.ReportBlob!, default)).ToJsonString();
        Assert.Contains("data.password", report, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-in-git", report, StringComparison.Ordinal);
        Assert.DoesNotContain("live-s3cr3t", report, StringComparison.Ordinal);
        Assert.DoesNotContain("bGl2ZS1zM2NyM3Q=", report, StringComparison.Ordinal);
    }
}
