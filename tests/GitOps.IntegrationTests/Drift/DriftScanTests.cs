using GitOps.Core.Alerts;
using GitOps.Core.Drift;
using GitOps.Core.Messaging;
using GitOps.Core.Reconcile;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Drift;

/// <summary>Drift without false alarms: what the server normalizes is not drift; a real change is reported once, with who made it.</summary>
[Collection(PipelineCollection.Name)]
public sealed class DriftScanTests
{
    private readonly PipelineFixture _fixture;

    public DriftScanTests(PipelineFixture fixture) => _fixture = fixture;

    private KubeEmulator.EmulatorControl Cluster => _fixture.Emulator.Control;

    [Fact]
    public async Task ServerNormalizedValues_QuantitiesPortsEmptyListsAndDefaults_AreNoDrift()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/web.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations: {}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27
                      args: []
                      env: []
                      resources:
                        requests: {cpu: 0.5, memory: 1024Mi}
                        limits: {cpu: 1000m, memory: 2Gi}
            """);
        pipeline.Repo.Write("app/service.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 8080}]
            """);
        pipeline.Repo.Commit("normalized by the server");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();

        await pipeline.ScanAsync();

        var status = await pipeline.StatusAsync();
        Assert.Equal(SyncResult.Succeeded, status.LastResult);
        Assert.Equal(DriftState.InSync, status.Drift);
        Assert.Empty(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
    }

    [Fact]
    public async Task KubectlEdit_OfAFieldWeOwn_RaisesExactlyOneAlertOverFiveScans_WithBothValuesAndTheManager()
    {
        await using var pipeline = await StartAsync();
        Cluster.ResetRequests();
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":4}}""", "kubectl-edit");

        for (var scan = 0; scan < 5; scan++)
        {
            await pipeline.ScanAsync();
        }

        var alert = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
        Assert.Contains("(taken over by \"kubectl-edit\")", alert.Summary, StringComparison.Ordinal);
        var report = await pipeline.Get<DriftReportStore>().ReadAsync(alert.ReportBlob!, default);
        var item = Assert.Single(report["items"]!.AsArray())!;
        Assert.Equal(("spec.replicas", 2, 4, "kubectl-edit", "app/web.yaml"), ((string?)item["path"], (int)item["desired"]!, (int)item["live"]!, (string?)item["manager"], (string?)item["file"]));
        Assert.Equal(0, Cluster.CountRequests("get"));
        Assert.Equal(5 * 3, Cluster.CountRequests("list"));
    }

    [Fact]
    public async Task GitopsDrift_PrintsTheLatestReportAsADiff_AndExitsThreeWhenDrifted()
    {
        await using var pipeline = await StartAsync();
        using var output = new StringWriter();
        Assert.Equal(0, await GitOps.Cli.Commands.DriftCommand.PrintAsync(pipeline.Runtime.Services, pipeline.App, null, output, default));
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":4}}""", "kubectl-edit");
        Cluster.DeleteObject("v1", "ConfigMap", pipeline.Namespace, "settings");
        await pipeline.ScanAsync();

        using var diff = new StringWriter();
        var exit = await GitOps.Cli.Commands.DriftCommand.PrintAsync(pipeline.Runtime.Services, pipeline.App, "emulator", diff, default);

        Assert.Equal(GitOps.Cli.Commands.DriftCommand.DriftedExitCode, exit);
        var lines = diff.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith($"{pipeline.App} on emulator: Drifted from ", lines[0], StringComparison.Ordinal);
        Assert.Contains($"Deployment/{pipeline.Namespace}/web (app/web.yaml)", lines);
        Assert.Contains("  spec.replicas  (taken over by \"kubectl-edit\")", lines);
        Assert.Contains("    - 2    # Git", lines);
        Assert.Contains("    + 4    # live", lines);
        Assert.Contains($"ConfigMap/{pipeline.Namespace}/settings (app/config.yaml)", lines);
        Assert.Contains("  missing on the cluster", lines);
    }

    [Fact]
    public async Task HpaManagedReplicas_ListedInManagedFieldsManagers_RaiseNoDrift()
    {
        await using var pipeline = await StartAsync(app => app with
        {
            IgnoreDifferences = [new IgnoreDifference("apps", "Deployment") { ManagedFieldsManagers = ["hpa-controller"] }],
        });
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":7}}""", "hpa-controller");

        await pipeline.ScanAsync();

        Assert.Equal(DriftState.InSync, (await pipeline.StatusAsync()).Drift);
        Assert.Empty(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
    }

    [Fact]
    public async Task HpaManagedReplicas_IgnoredByManager_AreLeftOutOfLaterSyncs_NoConflictNoFight()
    {
        await using var pipeline = await StartAsync(app => app with
        {
            IgnoreDifferences = [new IgnoreDifference("apps", "Deployment") { ManagedFieldsManagers = ["hpa-controller"] }],
        });
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":7}}""", "hpa-controller");
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 2, image: "nginx:1.28"));
        pipeline.Repo.Commit("new image");

        await pipeline.SyncAsync();

        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        using var kube = pipeline.Kube();
        var web = await kube.AppsV1.ReadNamespacedDeploymentAsync("web", pipeline.Namespace);
        Assert.Equal(7, web.Spec.Replicas);
        Assert.Equal("nginx:1.28", web.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task ObjectDeletedLive_IsDrift_AndAnOrphanIsReported()
    {
        await using var pipeline = await StartAsync();
        Cluster.DeleteObject("v1", "ConfigMap", pipeline.Namespace, "settings");
        using (var kube = pipeline.Kube())
        {
            await kube.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = "stray", Labels = new Dictionary<string, string> { [Core.Apply.Ownership.AppLabel] = pipeline.App } },
            }, pipeline.Namespace);
        }

        await pipeline.ScanAsync();

        var alerts = await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default);
        Assert.Equal([AlertKind.Drift, AlertKind.Orphaned], alerts.Select(a => a.Kind).Order());
        var orphaned = Assert.Single(alerts, a => a.Kind == AlertKind.Orphaned);
        Assert.Equal(AlertSeverity.Warning, orphaned.Severity);
        Assert.Contains($"ConfigMap/{pipeline.Namespace}/stray", orphaned.Summary, StringComparison.Ordinal);
        var alert = Assert.Single(alerts, a => a.Kind == AlertKind.Drift);
        var report = await pipeline.Get<DriftReportStore>().ReadAsync(alert.ReportBlob!, default);
        var missing = Assert.Single(report["items"]!.AsArray())!;
        Assert.Equal(($"ConfigMap/{pipeline.Namespace}/settings", string.Empty), ((string?)missing["object"], (string?)missing["path"]));
        Assert.Equal($"ConfigMap/{pipeline.Namespace}/stray", (string?)Assert.Single(report["orphans"]!.AsArray())!["object"]);
    }

    [Fact]
    public async Task CorrectionPlannedBeforeANewerSync_IsSkipped_NotRolledBack()
    {
        await using var pipeline = await StartAsync(app => app with { DriftPolicy = DriftPolicy.Correct });
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":4}}""", "kubectl-edit");
        var outcome = await pipeline.Get<Core.Drift.DriftScanner>().ScanAsync(new DriftScanJob(pipeline.App, "emulator") { JobId = "scan-1" }, default);
        Assert.True(outcome.CorrectionQueued);

        // A newer commit is synced before the queued correction runs.
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "newer"));
        var newer = pipeline.Repo.Commit("newer");
        await pipeline.Get<Reconciler>().ReconcileAsync(
            new ReconcileJob(pipeline.App, "emulator", newer, ReconcileReasons.NewCommit) { JobId = "newer" }, 1, default);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(1), default);

        using var kube = pipeline.Kube();
        Assert.Equal("newer", (await kube.CoreV1.ReadNamespacedConfigMapAsync("settings", pipeline.Namespace)).Data["greeting"]);
        var correction = (await pipeline.HistoryAsync()).First(h => h.Reason == ReconcileReasons.DriftCorrection);
        Assert.Equal(SyncResult.Skipped, correction.Result);
        Assert.Contains("not rolled back", correction.Message, StringComparison.Ordinal);
        Assert.Equal(newer, (await pipeline.StatusAsync()).AppliedRevision);
    }

    /// <summary>A synced app: a namespace, a ConfigMap and a Deployment of two replicas (3 kinds).</summary>
    private async Task<TestPipeline> StartAsync(Func<AppDefinition, AppDefinition>? app = null)
    {
        var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "hello"));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 2));
        pipeline.Repo.Commit("start");
        await pipeline.RegisterAsync(app: app);
        await pipeline.SyncAsync();
        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        return pipeline;
    }
}
