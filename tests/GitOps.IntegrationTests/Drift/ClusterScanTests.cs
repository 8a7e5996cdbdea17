using GitOps.Core.Drift;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using GitOps.IntegrationTests.Infrastructure;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Drift;

/// <summary>
/// The scheduler queues one scan per cluster, which compares all of that cluster's apps; an app whose
/// live objects are as the last in-sync scan found them reads nothing from storage, and anything that
/// could change the verdict (a live write, a new labelled object, a registry edit, a sync) makes the
/// next scan compare again.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ClusterScanTests
{
    private readonly PipelineFixture _fixture;

    public ClusterScanTests(PipelineFixture fixture) => _fixture = fixture;

    private KubeEmulator.EmulatorControl Cluster => _fixture.Emulator.Control;

    [Fact]
    public async Task OneMessagePerCluster_ScansEveryAppOfIt()
    {
        await using var pipeline = await StartAsync("a", "b", "c");
        await pipeline.Runtime.ScheduleDriftScansAsync(default);

        var queue = pipeline.Storage.Queue(StorageNames.DriftScanJobsQueue);
        var messages = (await queue.PeekMessagesAsync(32)).Value;
        Assert.Contains("\"Cluster\":\"emulator\"", Assert.Single(messages).Body.ToString(), StringComparison.OrdinalIgnoreCase);

        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);
        foreach (var app in Apps(pipeline, "a", "b", "c"))
        {
            var status = await pipeline.StatusAsync(app);
            Assert.Equal(DriftState.InSync, status.Drift);
            Assert.NotNull(status.DriftScanKey);
            Assert.NotNull(status.LastDriftScanAt);
        }
    }

    [Fact]
    public async Task UnchangedApp_IsNotComparedAgain_AndReadsNoSnapshot()
    {
        await using var pipeline = await StartAsync("a");
        var scanner = pipeline.Get<DriftScanner>();
        var first = Assert.Single(await scanner.ScanClusterAsync("emulator", "scan-1", default));
        Assert.Equal((DriftState.InSync, false), (first.State, first.Unchanged));

        // The snapshot is gone: a scan that still reads it would fail. An unchanged app does not.
        var status = await pipeline.StatusAsync(Apps(pipeline, "a")[0]);
        await pipeline.Storage.Container(StorageNames.RenderedContainer).DeleteBlobAsync(status.SnapshotBlob);
        var second = Assert.Single(await scanner.ScanClusterAsync("emulator", "scan-2", default));
        Assert.Equal((DriftState.InSync, true), (second.State, second.Unchanged));
    }

    [Fact]
    public async Task LiveEdit_NewLabelledObject_AndRegistryEdit_EachMakeTheNextScanCompare()
    {
        await using var pipeline = await StartAsync("a");
        var app = Apps(pipeline, "a")[0];
        var scanner = pipeline.Get<DriftScanner>();
        Assert.False(Assert.Single(await scanner.ScanClusterAsync("emulator", "scan-1", default)).Unchanged);
        Assert.True(Assert.Single(await scanner.ScanClusterAsync("emulator", "scan-2", default)).Unchanged);

        // A write that changes nothing Git owns still changes the resourceVersion: compared, still in sync,
        // with the objects listed once (the listing that saw the change serves the comparison).
        Cluster.PatchObject("v1", "ConfigMap", pipeline.Namespace, $"settings-{app}", """{"metadata":{"annotations":{"note":"someone was here"}}}""", "kubectl-annotate");
        Cluster.ResetRequests();
        var annotated = Assert.Single(await scanner.ScanClusterAsync("emulator", "scan-3", default));
        Assert.Equal((DriftState.InSync, false), (annotated.State, annotated.Unchanged));
        Assert.Equal(1, Cluster.CountRequests("list", "configmaps"));
        Assert.True(Assert.Single(await scanner.ScanClusterAsync("emulator", "scan-4", default)).Unchanged);

        // A real edit is drift at once.
        Cluster.PatchObject("v1", "ConfigMap", pipeline.Namespace, $"settings-{app}", """{"data":{"greeting":"edited"}}""", "kubectl-edit");
        var drifted = Assert.Single(await scanner.ScanClusterAsync("emulator", "scan-5", default));
        Assert.Equal(DriftState.Drifted, drifted.State);
        Assert.Null((await pipeline.StatusAsync(app)).DriftScanKey);
        Assert.Equal(DriftState.Drifted, Assert.Single(await scanner.ScanClusterAsync("emulator", "scan-6", default)).State);

        // Ignoring the edited field in the registry (no sync, same revision) is seen by the next scan.
        await pipeline.RegisterAppsAsync(null, Definition(pipeline, app) with
        {
            IgnoreDifferences = [new IgnoreDifference(string.Empty, "ConfigMap") { JsonPointers = ["/data/greeting"] }],
        });
        var ignored = Assert.Single(await scanner.ScanClusterAsync("emulator", "scan-7", default));
        Assert.Equal((DriftState.InSync, false), (ignored.State, ignored.Unchanged));
        Assert.True(Assert.Single(await scanner.ScanClusterAsync("emulator", "scan-8", default)).Unchanged);

        // A new object carrying the app's label is an orphan, found by the next scan.
        using (var kube = pipeline.Kube())
        {
            await kube.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = "stray", Labels = new Dictionary<string, string> { [Core.Apply.Ownership.AppLabel] = app } },
            }, pipeline.Namespace);
        }

        var orphaned = Assert.Single(await scanner.ScanClusterAsync("emulator", "scan-9", default));
        Assert.Equal((DriftState.Drifted, false), (orphaned.State, orphaned.Unchanged));
    }

    [Fact]
    public async Task OneAppFailing_DoesNotStopTheOthers_AndTheJobFailsNamingIt()
    {
        await using var pipeline = await StartAsync("a", "b");
        var (a, b) = (Apps(pipeline, "a", "b")[0], Apps(pipeline, "a", "b")[1]);
        var snapshot = (await pipeline.StatusAsync(a)).SnapshotBlob;
        await pipeline.Storage.Container(StorageNames.RenderedContainer).DeleteBlobAsync(snapshot);
        Cluster.PatchObject("v1", "ConfigMap", pipeline.Namespace, $"settings-{b}", """{"data":{"greeting":"edited"}}""", "kubectl-edit");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.Get<DriftScanner>().ScanClusterAsync("emulator", "scan-1", default));
        Assert.Contains($"{a}:", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"{b}:", failure.Message, StringComparison.Ordinal);
        Assert.Equal(DriftState.Drifted, (await pipeline.StatusAsync(b)).Drift);
    }

    private static string[] Apps(TestPipeline pipeline, params string[] suffixes) => suffixes.Select(s => $"{pipeline.App}-{s}").ToArray();

    private static AppDefinition Definition(TestPipeline pipeline, string app)
        => new() { Name = app, Source = "config", Path = app, Clusters = ["emulator"], Namespace = pipeline.Namespace };

    /// <summary>Apps of one ConfigMap each in the pipeline's namespace (made beforehand, as a platform team would), synced to the emulator.</summary>
    private async Task<TestPipeline> StartAsync(params string[] suffixes)
    {
        var pipeline = await TestPipeline.CreateAsync(_fixture);
        using (var kube = pipeline.Kube())
        {
            await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = pipeline.Namespace } });
        }

        var apps = Apps(pipeline, suffixes);
        foreach (var app in apps)
        {
            pipeline.Repo.Write($"{app}/config.yaml", Manifests.ConfigMap($"settings-{app}", "hello"));
        }

        pipeline.Repo.Commit("start");
        await pipeline.RegisterAppsAsync(null, apps.Select(a => Definition(pipeline, a)).ToArray());
        await pipeline.SyncAsync();
        foreach (var app in apps)
        {
            Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync(app)).LastResult);
        }

        return pipeline;
    }
}
