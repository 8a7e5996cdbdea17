using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;

namespace GitOps.IntegrationTests.Apply;

/// <summary>The cost of a sync follows the change, not the app's size: one LIST per kind, and only new or changed objects are sent.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ChangeOnlyApplyTests
{
    private const int Kinds = 3;

    private readonly PipelineFixture _fixture;

    public ChangeOnlyApplyTests(PipelineFixture fixture) => _fixture = fixture;

    private KubeEmulator.EmulatorControl Cluster => _fixture.Emulator.Control;

    [Fact]
    public async Task OneObjectChanged_IsTheOnlyOneSent_AndTheRestCountUnchanged()
    {
        await using var pipeline = await StartAsync();
        pipeline.Repo.Write("app/config-3.yaml", Manifests.ConfigMap("config-3", "changed"));
        pipeline.Repo.Commit("change one");

        await pipeline.SyncAsync();

        Assert.Equal(1, Cluster.Requests.Count(r => r.PatchType == "apply" && !r.DryRun));
        Assert.Equal(1, Cluster.Requests.Count(r => r.PatchType == "apply" && r.DryRun));
        Assert.Equal("config-3", Assert.Single(Cluster.Requests, r => r.PatchType == "apply" && !r.DryRun).Name);
        // One LIST per kind for the sync, and one per kind for the health check that follows it.
        Assert.Equal(2 * Kinds, Cluster.CountRequests("list"));
        Assert.True(Cluster.Requests.Count <= (2 * Kinds) + 3, $"{Cluster.Requests.Count} API calls: {string.Join(", ", Cluster.Requests.Select(r => $"{r.Verb} {r.Resource}"))}");
        var record = (await pipeline.HistoryAsync())[0];
        Assert.Equal((SyncResult.Succeeded, 0, 1, 7), (record.Result, record.Created, record.Configured, record.Unchanged));
    }

    [Fact]
    public async Task NewRevisionWithSameContent_SendsNothing_OneListPerKind()
    {
        await using var pipeline = await StartAsync();
        pipeline.Repo.CommitNotes("app", "nothing changes");

        await pipeline.SyncAsync();

        // Nothing was sent to a healthy app: no health check follows either.
        Assert.Equal(0, Cluster.CountRequests("patch"));
        Assert.Equal(Kinds, Cluster.CountRequests("list"));
        Assert.Equal(Kinds, Cluster.Requests.Count);
        Assert.Equal(8, (await pipeline.HistoryAsync())[0].Unchanged);
    }

    [Fact]
    public async Task ObjectTouchedLive_IsSentAgainOnce_ThenLeftAloneWhenNothingChanges()
    {
        await using var pipeline = await StartAsync();
        Cluster.PatchObject("v1", "ConfigMap", pipeline.Namespace, "config-1", """{"metadata":{"annotations":{"touched":"by-hand"}}}""");
        pipeline.Repo.CommitNotes("app", "next revision");

        await pipeline.SyncAsync();

        Assert.Equal("config-1", Assert.Single(Cluster.Requests, r => r.PatchType == "apply" && !r.DryRun).Name);
        Cluster.ResetRequests();
        pipeline.Repo.CommitNotes("app", "and the next");
        await pipeline.SyncAsync();
        Assert.Equal(0, Cluster.CountRequests("patch"));
    }

    [Fact]
    public async Task ObjectDeletedLive_IsCreatedAgain()
    {
        await using var pipeline = await StartAsync();
        Cluster.DeleteObject("v1", "ConfigMap", pipeline.Namespace, "config-2");
        pipeline.Repo.CommitNotes("app", "next revision");

        await pipeline.SyncAsync();

        Assert.Contains("config-2", Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        Assert.Equal(1, (await pipeline.HistoryAsync())[0].Created);
    }

    /// <summary>A synced app of 8 objects in 3 kinds (a namespace, 5 ConfigMaps, 2 Deployments), request counters reset.</summary>
    private async Task<TestPipeline> StartAsync()
    {
        var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        for (var i = 0; i < 5; i++)
        {
            pipeline.Repo.Write($"app/config-{i}.yaml", Manifests.ConfigMap($"config-{i}", "hello"));
        }

        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 2));
        pipeline.Repo.Write("app/api.yaml", Manifests.Deployment("api", replicas: 1));
        pipeline.Repo.Commit("start");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();
        Assert.Equal(8, (await pipeline.HistoryAsync())[0].Created);
        Cluster.ResetRequests();
        return pipeline;
    }
}
