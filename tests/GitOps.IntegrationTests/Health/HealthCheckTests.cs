using GitOps.Core.Alerts;
using GitOps.Core.Health;
using GitOps.Core.Messaging;
using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;
using KubeEmulator;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.IntegrationTests.Health;

/// <summary>
/// After a sync, delayed <c>health-checks</c> messages follow the rollout the emulator simulates:
/// Progressing until it is available (Healthy), Degraded when it fails or outlives the timeout, with
/// one alert that the next healthy check resolves.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class HealthCheckTests
{
    private readonly PipelineFixture _fixture;

    public HealthCheckTests(PipelineFixture fixture) => _fixture = fixture;

    private EmulatorControl Cluster => _fixture.Emulator.Control;

    [Fact]
    public async Task DelayedRollout_IsProgressingNamingTheDeployment_ThenHealthyOnceAvailable()
    {
        // A cluster of its own whose clock the test moves: the rollout completes when the test says so.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TimeProvider = clock, DefaultRollout = RolloutMode.Delayed, RolloutDelay = TimeSpan.FromMinutes(1) });
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        var kubeconfig = emulator.WriteKubeconfig(Path.Combine(pipeline.Folder, "kubeconfig"));
        await CommitAppAsync(pipeline);
        await pipeline.RegisterAsync(kubeconfigFile: kubeconfig);

        var sync = pipeline.SyncAsync();
        await Poll.UntilAsync(async () => (await StatusOrNullAsync(pipeline))?.Health == HealthState.Progressing, "the app to be Progressing");
        var progressing = await pipeline.StatusAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        await sync;

        Assert.Equal($"Deployment/{pipeline.Namespace}/web: 0 of 3 replicas available", progressing.HealthMessage);
        Assert.Equal([$"Deployment/{pipeline.Namespace}/web: 0 of 3 replicas available"], progressing.HealthObjects);
        var status = await pipeline.StatusAsync();
        Assert.Equal(HealthState.Healthy, status.Health);
        Assert.Equal("all 2 object(s) healthy", status.HealthMessage);
        Assert.Empty(status.HealthObjects);
        Assert.True(status.HealthAttempt > 1, $"healthy at attempt {status.HealthAttempt}: the first check should have found it progressing");
        Assert.Empty(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
    }

    [Fact]
    public async Task StuckRollout_IsDegradedAtTheTimeout_WithOneAlert_AndAHealthyNewRevisionResolvesIt()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { ["GitOps:Health:Timeout"] = "00:00:02" });
        Cluster.SetRollout(pipeline.Namespace, "web", RolloutMode.Stuck);
        await CommitAppAsync(pipeline);
        await pipeline.RegisterAsync();

        await pipeline.SyncAsync();

        var status = await pipeline.StatusAsync();
        Assert.Equal(HealthState.Degraded, status.Health);
        Assert.Equal($"timed out after 2s waiting for Deployment/{pipeline.Namespace}/web: 0 of 3 replicas available", status.HealthMessage);
        Assert.True(status.LastHealthCheckAt >= status.LastSyncAt + TimeSpan.FromSeconds(2), $"degraded at {status.LastHealthCheckAt:O}, before the timeout after {status.LastSyncAt:O}");
        var alert = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
        Assert.Equal(AlertKind.Degraded, alert.Kind);
        Assert.Equal(Alert.FingerprintOf(pipeline.App, "emulator", AlertKind.Degraded, []), alert.Fingerprint);
        Assert.Contains(status.HealthMessage!, alert.Summary, StringComparison.Ordinal);
        Assert.Null(alert.ResolvedAt);

        // The rollout gets unstuck and a new revision lands: its checks find it healthy and close the alert.
        Cluster.SetRollout(pipeline.Namespace, "web", RolloutMode.Immediate);
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 2));
        pipeline.Repo.Commit("two replicas");
        await pipeline.SyncAsync();

        var healthy = await pipeline.StatusAsync();
        Assert.Equal(HealthState.Healthy, healthy.Health);
        Assert.Null(healthy.HealthAlertId);
        var resolved = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
        Assert.Equal(alert.Id, resolved.Id);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.StartsWith($"healthy at {healthy.AppliedRevision![..12]}", resolved.Resolution, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DegradedApp_RecoveringWithoutANewCommit_IsFoundHealthyByTheScheduledRecheck_AndItsAlertResolved()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { ["GitOps:Health:Timeout"] = "00:00:01" });
        Cluster.SetRollout(pipeline.Namespace, "web", RolloutMode.Stuck);
        await CommitAppAsync(pipeline);
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();
        Assert.Equal(HealthState.Degraded, (await pipeline.StatusAsync()).Health);

        Cluster.SetRollout(pipeline.Namespace, "web", RolloutMode.Immediate);
        await pipeline.ScanAsync();

        Assert.Equal(HealthState.Healthy, (await pipeline.StatusAsync()).Health);
        Assert.NotNull(Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default), a => a.Kind == AlertKind.Degraded).ResolvedAt);
    }

    [Fact]
    public async Task RedeliveredDegradedCheck_IsSkipped_AndRaisesNoSecondAlert()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        Cluster.SetRollout(pipeline.Namespace, "web", RolloutMode.Failed);
        await CommitAppAsync(pipeline);
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();
        var status = await pipeline.StatusAsync();
        var last = new HealthCheckJob(pipeline.App, "emulator", status.AppliedRevision!, status.HealthJobId!, status.LastSyncAt!.Value, status.HealthAttempt);

        var again = await pipeline.Get<HealthChecker>().CheckAsync(last, CancellationToken.None);
        await pipeline.Get<JobQueue>().SendHealthCheckAsync(last, TimeSpan.Zero, CancellationToken.None);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(again.Skipped, again.Message);
        Assert.Equal(HealthState.Degraded, (await pipeline.StatusAsync()).Health);
        Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
    }

    [Fact]
    public async Task ProgressDeadlineExceeded_IsDegradedAtOnce_WithoutWaitingForTheTimeout()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        Cluster.SetRollout(pipeline.Namespace, "web", RolloutMode.Failed);
        await CommitAppAsync(pipeline);
        await pipeline.RegisterAsync();

        await pipeline.SyncAsync();

        var status = await pipeline.StatusAsync();
        Assert.Equal(HealthState.Degraded, status.Health);
        Assert.Equal(1, status.HealthAttempt);
        Assert.StartsWith($"Deployment/{pipeline.Namespace}/web: progress deadline exceeded", status.HealthMessage, StringComparison.Ordinal);
        Assert.Equal(AlertKind.Degraded, Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default)).Kind);
    }

    [Fact]
    public async Task CheckOfAnOlderSync_IsSkipped_TheNewerSyncHasItsOwn()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        await CommitAppAsync(pipeline);
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();
        var first = await pipeline.StatusAsync();
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 1));
        pipeline.Repo.Commit("one replica");
        await pipeline.SyncAsync();

        var stale = await pipeline.Get<HealthChecker>().CheckAsync(
            new HealthCheckJob(pipeline.App, "emulator", first.AppliedRevision!, first.HealthJobId!, first.LastSyncAt!.Value, first.HealthAttempt + 1), CancellationToken.None);

        Assert.True(stale.Skipped);
        Assert.Contains("no longer the applied revision", stale.Message, StringComparison.Ordinal);
        Assert.Equal(HealthState.Healthy, (await pipeline.StatusAsync()).Health);
    }

    private static async Task CommitAppAsync(TestPipeline pipeline)
    {
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 3));
        pipeline.Repo.Commit("web, three replicas");
        await Task.CompletedTask;
    }

    private static Task<AppStatus?> StatusOrNullAsync(TestPipeline pipeline)
        => pipeline.Get<AppStatusStore>().GetAsync(pipeline.App, "emulator", CancellationToken.None);
}
