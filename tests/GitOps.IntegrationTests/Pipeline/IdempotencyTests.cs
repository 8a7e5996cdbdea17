using GitOps.Core.Messaging;
using GitOps.Core.Planning;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using GitOps.IntegrationTests.Infrastructure;
using k8s;

namespace GitOps.IntegrationTests.Pipeline;

/// <summary>At-least-once delivery and racing instances must never apply twice, record twice, or roll back.</summary>
[Collection(PipelineCollection.Name)]
public sealed class IdempotencyTests
{
    private readonly PipelineFixture _fixture;

    public IdempotencyTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task SameJobDeliveredTwice_AppliesOnceAndRecordsOnce()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "once"));
        var revision = pipeline.Repo.Commit("once");
        await pipeline.RegisterAsync();
        var job = new ReconcileJob(pipeline.App, "emulator", revision, ReconcileReasons.NewCommit)
        {
            JobId = ChangePlanner.JobIdOf(pipeline.App, "emulator", revision, ReconcileReasons.NewCommit),
        };

        await pipeline.Get<JobQueue>().SendReconcileAsync(job);
        await pipeline.Get<JobQueue>().SendReconcileAsync(job);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);

        var applies = _fixture.Emulator.Control.Requests.Count(r => r.Namespace == pipeline.Namespace && r.PatchType == "apply" && !r.DryRun);
        Assert.Equal(1, applies);
        var history = await pipeline.Get<SyncHistoryStore>().ListAsync(pipeline.App, "emulator", 10, default);
        Assert.Single(history);
    }

    [Fact]
    public async Task TwoPollersRacing_EnqueueOnce()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "race"));
        pipeline.Repo.Commit("race");
        await pipeline.RegisterAsync();
        await using var second = pipeline.CreateRuntime();

        for (var round = 0; round < 3; round++)
        {
            pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", $"race-{round}"));
            pipeline.Repo.Commit($"round {round}");
            var results = await Task.WhenAll(pipeline.Runtime.PollAsync(default), second.PollAsync(default));
            Assert.Equal(1, results.Sum(r => r.JobsEnqueued));
        }

        var queue = pipeline.Storage.Queue(StorageNames.ReconcileJobsQueue);
        var peeked = await queue.PeekMessagesAsync(32);
        Assert.Equal(3, peeked.Value.Length);
    }

    [Fact]
    public async Task OlderRevisionArrivingAfterNewer_IsSkippedNotRolledBack()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 1));
        var older = pipeline.Repo.Commit("one replica");
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 3));
        var newer = pipeline.Repo.Commit("three replicas");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();

        await pipeline.Get<JobQueue>().SendReconcileAsync(new ReconcileJob(pipeline.App, "emulator", older, ReconcileReasons.NewCommit)
        {
            JobId = ChangePlanner.JobIdOf(pipeline.App, "emulator", older, ReconcileReasons.NewCommit),
        });
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);

        using var kube = pipeline.Kube();
        Assert.Equal(3, (await kube.AppsV1.ReadNamespacedDeploymentAsync("web", pipeline.Namespace)).Spec.Replicas);
        var status = await pipeline.Get<AppStatusStore>().GetAsync(pipeline.App, "emulator", default);
        Assert.Equal(newer, status!.AppliedRevision);
        var history = await pipeline.Get<SyncHistoryStore>().ListAsync(pipeline.App, "emulator", 10, default);
        Assert.Equal(SyncResult.Skipped, history[0].Result);
        Assert.Equal(older, history[0].Revision);
        Assert.Contains("older than the applied revision", history[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceWithAMissingTokenSetting_DoesNotStopThePollOfTheOthers()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "hello"));
        pipeline.Repo.Commit("start");
        await pipeline.Get<Core.Registry.RegistryStore>().ApplyAsync(new Core.Registry.RegistrySnapshot(
            [new Core.Registry.SourceDefinition("broken", pipeline.Repo.Path, "main", "NO_SUCH_TOKEN_SETTING"), new Core.Registry.SourceDefinition("config", pipeline.Repo.Path)],
            [new Core.Registry.ClusterDefinition("emulator", KubeconfigFile: _fixture.Kubeconfig)],
            [new Core.Registry.AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace }]));

        var result = await pipeline.Runtime.PollAsync(default);

        Assert.Equal(1, result.JobsEnqueued);
        Assert.Equal("source/broken: the setting 'NO_SUCH_TOKEN_SETTING' that should hold its token is empty or missing.", Assert.Single(result.Errors));
    }
}
