using Azure.Storage.Blobs.Specialized;
using GitOps.Core.Alerts;
using GitOps.Core.Messaging;
using GitOps.Core.Reconcile;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using GitOps.IntegrationTests.Infrastructure;
using KubeEmulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.IntegrationTests.Reconcile;

/// <summary>The app × cluster lease: a busy one defers the job without counting toward poison; a lost one stops the sync before its next write.</summary>
[Collection(PipelineCollection.Name)]
public sealed class LeaseTests
{
    private readonly PipelineFixture _fixture;

    public LeaseTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task BusyLease_OnTheLastDelivery_RequeuesWithADelay_AndNeitherPoisonsNorFails()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { ["GitOps:Reconcile:LeaseBusyDelay"] = "00:00:00.200" });
        var job = await CommitAndRegisterAsync(pipeline);
        var held = await HoldLeaseAsync(pipeline);

        var outcome = await pipeline.Get<Reconciler>().ReconcileAsync(job, dequeueCount: pipeline.Runtime.Settings.MaxDequeueCount, CancellationToken.None);

        Assert.Equal(SyncResult.Deferred, outcome.Result);
        var queue = pipeline.Storage.Queue(StorageNames.ReconcileJobsQueue);
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
        Assert.Null(await pipeline.Get<AppStatusStore>().GetAsync(pipeline.App, "emulator", default));

        await held.ReleaseAsync();
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        Assert.Equal(0, (await pipeline.Storage.Queue(StorageNames.ReconcileJobsQueue + StorageNames.PoisonSuffix).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task LostLease_StopsTheSyncBeforeItsNextWrite()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, configure: services => services.AddSingleton<TimeProvider>(clock));
        var job = await CommitAndRegisterAsync(pipeline);
        _fixture.Emulator.Control.ResetRequests();
        _fixture.Emulator.Control.InjectFault(new FaultRule { Verb = "apply", Resource = "configmaps", Namespace = pipeline.Namespace, Name = "b", StatusCode = 0, Delay = TimeSpan.FromSeconds(5) });

        var sync = pipeline.Get<Reconciler>().ReconcileAsync(job, 1, CancellationToken.None);
        await Poll.UntilAsync(() => _fixture.Emulator.Control.CountRequests("apply", "configmaps", pipeline.Namespace, "a") > 0, "the dry run of ConfigMap a");
        var lease = pipeline.Storage.Container(StorageNames.LeasesContainer).GetBlobClient($"{pipeline.App}/emulator").GetBlobLeaseClient();
        await lease.BreakAsync(TimeSpan.Zero);
        clock.Advance(BlobLease.Duration);

        await Assert.ThrowsAsync<LeaseLostException>(() => sync);
        Assert.Equal(0, _fixture.Emulator.Control.Requests.Count(r => r.PatchType == "apply" && !r.DryRun));
        Assert.Null(await pipeline.Get<AppStatusStore>().GetAsync(pipeline.App, "emulator", default));
        _fixture.Emulator.Control.ClearFaults();
    }

    private static async Task<ReconcileJob> CommitAndRegisterAsync(TestPipeline pipeline)
    {
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        foreach (var name in new[] { "a", "b", "c" })
        {
            pipeline.Repo.Write($"app/{name}.yaml", Manifests.ConfigMap(name, "hello"));
        }

        var revision = pipeline.Repo.Commit("three maps");
        await pipeline.RegisterAsync();
        return new ReconcileJob(pipeline.App, "emulator", revision, ReconcileReasons.NewCommit) { JobId = $"{pipeline.App}-job" };
    }

    private static async Task<BlobLeaseClient> HoldLeaseAsync(TestPipeline pipeline)
    {
        var blob = pipeline.Storage.Container(StorageNames.LeasesContainer).GetBlobClient($"{pipeline.App}/emulator");
        await blob.UploadAsync(BinaryData.FromString(string.Empty), overwrite: true);
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(60));
        return lease;
    }
}
