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
    public async Task TwoSourceWorkersRacing_EnqueueOnce()
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
            var results = await Task.WhenAll(pipeline.Runtime.CheckSourceAsync("config", default), second.CheckSourceAsync("config", default));
            Assert.Equal(1, results.Sum(r => r.JobsEnqueued));
        }

        var queue = pipeline.Storage.Queue(StorageNames.ReconcileJobsQueue);
        var peeked = await queue.PeekMessagesAsync(32);
        Assert.Equal(3, peeked.Value.Length);
    }

    [Fact]
    public async Task HandlerDyingBetweenMovingTheHeadAndQueueing_LosesNoCommit()
    {
        // No grace: the test plays the redelivery at once rather than after the visibility timeout.
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { ["GitOps:Sources:PendingMoveGrace"] = "00:00:00" });
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "before"));
        pipeline.Repo.Commit("start");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "after"));
        var head = pipeline.Repo.Commit("the commit that must not be lost");

        // The queue is gone when the jobs are sent: the head is already moved, the handler fails right there.
        var jobs = pipeline.Storage.Queue(StorageNames.ReconcileJobsQueue);
        await jobs.DeleteAsync();
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => pipeline.Runtime.CheckSourceAsync("config", default));
        var moved = await pipeline.Get<GitOps.Core.Sources.SourceHeadStore>().GetAsync("config", default);
        Assert.Equal((head, true), (moved!.Commit, moved.Pending));

        // The redelivered message (or the next poll) finds the move pending and queues its jobs.
        await jobs.CreateAsync();
        var retry = await pipeline.Runtime.CheckSourceAsync("config", default);
        Assert.Equal(1, retry.JobsEnqueued);
        Assert.False((await pipeline.Get<GitOps.Core.Sources.SourceHeadStore>().GetAsync("config", default))!.Pending);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);

        Assert.Equal(head, (await pipeline.StatusAsync()).AppliedRevision);
        using var kube = pipeline.Kube();
        Assert.Equal("after", (await kube.CoreV1.ReadNamespacedConfigMapAsync("settings", pipeline.Namespace)).Data["greeting"]);
    }

    [Fact]
    public async Task OlderPlanDeliveredAfterNewer_IsSkippedNotRolledBack()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 1));
        var older = pipeline.Repo.Commit("one replica");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 3));
        var newer = pipeline.Repo.Commit("three replicas");
        await pipeline.SyncAsync();

        // The first plan's job, delivered again after the second plan was applied (at-least-once, out of order).
        await pipeline.Get<JobQueue>().SendReconcileAsync(ChangePlanner.JobFor(pipeline.App, "emulator", older, 1));
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);

        using var kube = pipeline.Kube();
        Assert.Equal(3, (await kube.AppsV1.ReadNamespacedDeploymentAsync("web", pipeline.Namespace)).Spec.Replicas);
        var status = await pipeline.Get<AppStatusStore>().GetAsync(pipeline.App, "emulator", default);
        Assert.Equal(newer, status!.AppliedRevision);
        var history = await pipeline.Get<SyncHistoryStore>().ListAsync(pipeline.App, "emulator", 10, default);
        Assert.Equal(SyncResult.Skipped, history[0].Result);
        Assert.Equal(older, history[0].Revision);
        Assert.Contains("(plan 1) is older than the applied", history[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BranchResetToAnOlderCommit_IsApplied()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 1));
        var older = pipeline.Repo.Commit("one replica");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 3));
        pipeline.Repo.Commit("three replicas");
        await pipeline.SyncAsync();

        // A rollback done in Git: the branch is force-pushed back to the older commit.
        pipeline.Repo.Git("reset", "--hard", older);
        await pipeline.SyncAsync();

        using var kube = pipeline.Kube();
        Assert.Equal(1, (await kube.AppsV1.ReadNamespacedDeploymentAsync("web", pipeline.Namespace)).Spec.Replicas);
        var status = await pipeline.StatusAsync();
        Assert.Equal(older, status.AppliedRevision);
        Assert.Equal(3, status.AppliedSequence);
    }

    [Fact]
    public async Task SourceWithAMissingTokenSetting_DoesNotStopTheOthers_AndIsOneAlertResolvedWhenItReadsAgain()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "hello"));
        pipeline.Repo.Commit("start");
        var registry = new Core.Registry.RegistrySnapshot(
            [new Core.Registry.SourceDefinition("broken", pipeline.Repo.Path, "main", "NO_SUCH_TOKEN_SETTING"), new Core.Registry.SourceDefinition("config", pipeline.Repo.Path)],
            [new Core.Registry.ClusterDefinition("emulator", KubeconfigFile: _fixture.Kubeconfig)],
            [new Core.Registry.AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace }]);
        await pipeline.Get<Core.Registry.RegistryStore>().ApplyAsync(registry);

        Assert.Equal(2, (await pipeline.Runtime.PollAsync(default)).SourcesQueued);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);
        await pipeline.Runtime.PollAsync(default);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);

        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        var broken = await pipeline.Runtime.CheckSourceAsync("broken", default);
        Assert.Equal("source/broken: the setting 'NO_SUCH_TOKEN_SETTING' that should hold its token is empty or missing.", broken.Error);
        var alerts = await pipeline.Get<Core.Alerts.AlertStore>().ListAsync(SourceWorker.AlertSubject("broken"), default);
        var alert = Assert.Single(alerts);
        Assert.Equal(Core.Alerts.AlertKind.SourceUnreachable, alert.Kind);
        Assert.Null(alert.ResolvedAt);
        Assert.Empty((await pipeline.Storage.Queue(StorageNames.SourceChangesQueue + StorageNames.PoisonSuffix).PeekMessagesAsync(1)).Value);

        await pipeline.Get<Core.Registry.RegistryStore>().ApplyAsync(registry with
        {
            Sources = [new Core.Registry.SourceDefinition("broken", pipeline.Repo.Path), registry.Sources[1]],
        });
        Assert.Null((await pipeline.Runtime.CheckSourceAsync("broken", default)).Error);
        alert = Assert.Single(await pipeline.Get<Core.Alerts.AlertStore>().ListAsync(SourceWorker.AlertSubject("broken"), default));
        Assert.NotNull(alert.ResolvedAt);
    }
}
