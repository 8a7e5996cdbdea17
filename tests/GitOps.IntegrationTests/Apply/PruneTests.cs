using GitOps.Core.Apply;
using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;
using k8s;

namespace GitOps.IntegrationTests.Apply;

/// <summary>Prune: what Git removed is deleted, and nothing that is not the app's to delete.</summary>
[Collection(PipelineCollection.Name)]
public sealed class PruneTests
{
    private readonly PipelineFixture _fixture;

    public PruneTests(PipelineFixture fixture) => _fixture = fixture;

    private KubeEmulator.EmulatorControl Cluster => _fixture.Emulator.Control;

    [Fact]
    public async Task RemovedFile_ObjectIsDeleted_AndListedInHistory()
    {
        await using var pipeline = await StartAsync();
        pipeline.Repo.Delete("app/old.yaml");
        pipeline.Repo.Commit("remove old");

        await pipeline.SyncAsync();

        Assert.DoesNotContain("old", Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        Assert.Contains("keep", Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        var record = (await pipeline.HistoryAsync())[0];
        Assert.Equal(SyncResult.Succeeded, record.Result);
        Assert.Equal(1, record.Pruned);
        Assert.Contains($"pruned ConfigMap/{pipeline.Namespace}/old", record.Details);
        Assert.Equal(1, Cluster.CountRequests("delete", "configmaps", pipeline.Namespace, "old"));
    }

    [Fact]
    public async Task RemovedFile_ObjectRelabelledForAnotherApp_IsNotDeleted()
    {
        await using var pipeline = await StartAsync();
        Cluster.PatchObject("v1", "ConfigMap", pipeline.Namespace, "old", Metadata("labels", Ownership.AppLabel, "someone-else"));
        pipeline.Repo.Delete("app/old.yaml");
        pipeline.Repo.Commit("remove old");

        await pipeline.SyncAsync();

        Assert.Contains("old", Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        var record = (await pipeline.HistoryAsync())[0];
        Assert.Equal(0, record.Pruned);
        Assert.Equal(1, record.Orphaned);
        Assert.Contains(record.Details, d => d.StartsWith($"orphaned ConfigMap/{pipeline.Namespace}/old", StringComparison.Ordinal) && d.Contains("no longer carries", StringComparison.Ordinal));
        Assert.Equal(0, Cluster.CountRequests("delete", "configmaps", pipeline.Namespace));
    }

    [Fact]
    public async Task RemovedFile_SameNameRecreatedWithoutLabel_IsNotDeleted()
    {
        await using var pipeline = await StartAsync();
        Cluster.DeleteObject("v1", "ConfigMap", pipeline.Namespace, "old");
        using (var kube = pipeline.Kube())
        {
            await kube.CoreV1.CreateNamespacedConfigMapAsync(new k8s.Models.V1ConfigMap { Metadata = new() { Name = "old" }, Data = new Dictionary<string, string> { ["mine"] = "yes" } }, pipeline.Namespace);
        }

        pipeline.Repo.Delete("app/old.yaml");
        pipeline.Repo.Commit("remove old");
        await pipeline.SyncAsync();

        Assert.Contains("old", Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        Assert.Equal(0, Cluster.CountRequests("delete", "configmaps", pipeline.Namespace));
    }

    [Fact]
    public async Task RemovedFile_AnnotatedPruneDisabled_IsLeftAndReportedOrphaned()
    {
        await using var pipeline = await StartAsync();
        Cluster.PatchObject("v1", "ConfigMap", pipeline.Namespace, "old", Metadata("annotations", Ownership.PruneAnnotation, "disabled"));
        pipeline.Repo.Delete("app/old.yaml");
        pipeline.Repo.Commit("remove old");

        await pipeline.SyncAsync();

        Assert.Contains("old", Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        var record = (await pipeline.HistoryAsync())[0];
        Assert.Contains($"orphaned ConfigMap/{pipeline.Namespace}/old: annotated {Ownership.PruneAnnotation}: disabled", record.Details);
    }

    [Fact]
    public async Task PruneOff_RemovedObjectIsReportedOrphanedNotDeleted()
    {
        await using var pipeline = await StartAsync(app => app with { Prune = false });
        pipeline.Repo.Delete("app/old.yaml");
        pipeline.Repo.Commit("remove old");

        await pipeline.SyncAsync();

        Assert.Contains("old", Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        var record = (await pipeline.HistoryAsync())[0];
        Assert.Equal(1, record.Orphaned);
        Assert.Contains(record.Details, d => d.Contains("prune is off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemovedNamespace_HoldingAnotherOwnersObject_IsKept_WhileOurObjectsInItArePruned()
    {
        await using var pipeline = await StartAsync();
        using (var kube = pipeline.Kube())
        {
            await kube.CoreV1.CreateNamespacedConfigMapAsync(new k8s.Models.V1ConfigMap { Metadata = new() { Name = "team-b-settings" } }, pipeline.Namespace);
        }

        RemoveEverything(pipeline);
        pipeline.Repo.Write("app/elsewhere.yaml", Manifests.ConfigMap("elsewhere", "x").Replace("metadata:\n  name: elsewhere", "metadata:\n  name: elsewhere\n  namespace: default", StringComparison.Ordinal));
        pipeline.Repo.Commit("move out of the namespace");
        await pipeline.Get<GitOps.Core.Registry.RegistryStore>().ApplyAsync(new GitOps.Core.Registry.RegistrySnapshot(
            [new("config", pipeline.Repo.Path)], [new("emulator", KubeconfigFile: _fixture.Kubeconfig)],
            [new() { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace, AllowedNamespaces = [pipeline.Namespace, "default"] }]));

        await pipeline.SyncAsync();

        Assert.Contains(pipeline.Namespace, Cluster.ListObjectNames("v1", "Namespace"));
        Assert.Equal(["team-b-settings"], Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        var record = (await pipeline.HistoryAsync())[0];
        Assert.Equal(2, record.Pruned);
        Assert.Contains(record.Details, d => d.StartsWith($"orphaned Namespace/{pipeline.Namespace}", StringComparison.Ordinal) && d.Contains($"ConfigMap/{pipeline.Namespace}/team-b-settings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemovedNamespace_HoldingOnlyOurObjects_IsDeletedAfterThem()
    {
        await using var pipeline = await StartAsync();
        RemoveEverything(pipeline);
        pipeline.Repo.Write("app/elsewhere.yaml", Manifests.ConfigMap("elsewhere", "x").Replace("metadata:\n  name: elsewhere", "metadata:\n  name: elsewhere\n  namespace: default", StringComparison.Ordinal));
        pipeline.Repo.Commit("move out of the namespace");
        await pipeline.RegisterAsync(app: app => app with { AllowedNamespaces = [pipeline.Namespace, "default"] });

        await pipeline.SyncAsync();

        Assert.DoesNotContain(pipeline.Namespace, Cluster.ListObjectNames("v1", "Namespace"));
        var deletes = Cluster.Requests.Where(r => r.Verb == "delete").Select(r => r.Resource).ToList();
        Assert.Equal("namespaces", deletes[^1]);
        Cluster.DeleteObject("v1", "ConfigMap", "default", "elsewhere");
    }

    [Fact]
    public async Task FailedDelete_StaysInTheInventory_AndIsRetriedByTheNextSync()
    {
        await using var pipeline = await StartAsync();
        Cluster.InjectFault(new KubeEmulator.FaultRule { Verb = "delete", Resource = "configmaps", Namespace = pipeline.Namespace, Name = "old", StatusCode = 403 });
        pipeline.Repo.Delete("app/old.yaml");
        pipeline.Repo.Commit("remove old");

        await pipeline.SyncAsync();

        Assert.Contains("old", Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        var failed = (await pipeline.HistoryAsync())[0];
        Assert.Equal((SyncResult.Failed, "Prune", 1), (failed.Result, failed.FailedStage, failed.Failed));
        Assert.Contains(failed.Details, d => d.StartsWith($"failed ConfigMap/{pipeline.Namespace}/old: prune failed, retried next sync", StringComparison.Ordinal));

        pipeline.Repo.CommitNotes("app", "next revision");
        await pipeline.SyncAsync();

        Assert.DoesNotContain("old", Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        Assert.Equal((SyncResult.Succeeded, 1), ((await pipeline.HistoryAsync())[0].Result, (await pipeline.HistoryAsync())[0].Pruned));
    }

    [Fact]
    public async Task EmptyRender_PrunesNothing_UnlessAllowEmpty()
    {
        await using var pipeline = await StartAsync();
        RemoveEverything(pipeline);
        pipeline.Repo.Write("app/README.md", "nothing here any more");
        pipeline.Repo.Commit("empty the app");

        await pipeline.SyncAsync();

        Assert.Equal(["keep", "old"], Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace).Order().ToArray());
        var refused = (await pipeline.HistoryAsync())[0];
        Assert.Equal(SyncResult.Failed, refused.Result);
        Assert.Equal("Validate", refused.FailedStage);
        Assert.Contains("allowEmpty", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, Cluster.CountRequests("delete"));

        await pipeline.RegisterAsync(app: app => app with { AllowEmpty = true });
        pipeline.Repo.Write("app/README.md", "really nothing here any more");
        pipeline.Repo.Commit("allow it");
        await pipeline.SyncAsync();

        Assert.DoesNotContain(pipeline.Namespace, Cluster.ListObjectNames("v1", "Namespace"));
        Assert.Equal(3, (await pipeline.HistoryAsync())[0].Pruned);
    }

    private static void RemoveEverything(TestPipeline pipeline)
    {
        foreach (var file in new[] { "app/namespace.yaml", "app/old.yaml", "app/keep.yaml" })
        {
            pipeline.Repo.Delete(file);
        }
    }

    private static string Metadata(string map, string key, string value)
        => new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { [map] = new System.Text.Json.Nodes.JsonObject { [key] = value } } }.ToJsonString();

    /// <summary>A synced app with a namespace and two ConfigMaps (old and keep), request counters reset.</summary>
    private async Task<TestPipeline> StartAsync(Func<GitOps.Core.Registry.AppDefinition, GitOps.Core.Registry.AppDefinition>? app = null)
    {
        var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/old.yaml", Manifests.ConfigMap("old", "bye"));
        pipeline.Repo.Write("app/keep.yaml", Manifests.ConfigMap("keep", "hi"));
        pipeline.Repo.Commit("start");
        await pipeline.RegisterAsync(app: app);
        await pipeline.SyncAsync();
        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        Cluster.ResetRequests();
        return pipeline;
    }
}
