using GitOps.Core.Apply;
using GitOps.Core.Kubernetes;
using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using GitOps.Core.Sources;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Core.Reconcile;

/// <summary>
/// Handles one reconcile job: lease → skip check → the sync's stages (<see cref="SyncPipeline"/>) →
/// record (<see cref="SyncRecorder"/>). Idempotent: a job already processed, a revision already
/// applied, or a revision older than the applied one is skipped. A failure retrying cannot fix is
/// recorded and the job completes; any other failure is thrown so that the queue redelivers the job
/// (and, in the end, poisons it). Nothing sleeps: a busy lease or a CRD not yet established
/// re-queues the job with a visibility delay.
/// </summary>
public sealed class Reconciler
{
    private readonly RegistryStore _registry;
    private readonly SyncPipeline _pipeline;
    private readonly SyncRecorder _recorder;
    private readonly AppStatusStore _status;
    private readonly JobQueue _queue;
    private readonly GitLabCommitStatus _commitStatus;
    private readonly StorageAccount _storage;
    private readonly ReconcileOptions _options;
    private readonly QueueSettings _queueSettings;
    private readonly TimeProvider _time;
    private readonly ILogger<Reconciler> _logger;

    public Reconciler(
        RegistryStore registry, SyncPipeline pipeline, SyncRecorder recorder, AppStatusStore status, JobQueue queue, GitLabCommitStatus commitStatus,
        StorageAccount storage, IOptions<ReconcileOptions> options, QueueSettings queueSettings, TimeProvider time, ILogger<Reconciler> logger)
    {
        _registry = registry;
        _pipeline = pipeline;
        _recorder = recorder;
        _status = status;
        _queue = queue;
        _commitStatus = commitStatus;
        _storage = storage;
        _options = options.Value;
        _queueSettings = queueSettings;
        _time = time;
        _logger = logger;
    }

    /// <param name="job">The job.</param>
    /// <param name="dequeueCount">Which delivery this is; on the last one (host.json maxDequeueCount) a failure also raises a poison alert.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<ReconcileOutcome> ReconcileAsync(ReconcileJob job, long dequeueCount, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object>
        {
            ["App"] = job.App, ["Cluster"] = job.Cluster, ["Revision"] = job.Revision, ["JobId"] = job.JobId,
        });
        try
        {
            return await ReconcileOnceAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (LeaseBusyException e)
        {
            // Not a failure: a fresh message after a delay, so waiting never counts toward poison.
            await _queue.RequeueReconcileAsync(job, _options.LeaseBusyDelay, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Job {JobId} deferred by {Delay}: {Reason}", job.JobId, _options.LeaseBusyDelay, e.Message);
            return new ReconcileOutcome(SyncResult.Deferred, e.Message);
        }
        catch (LeaseLostException e)
        {
            // Someone else may hold the app × cluster now: write nothing more, let the queue retry.
            _logger.LogWarning("Job {JobId} stopped: {Reason}", job.JobId, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await _recorder.RecordRetryAsync(job, dequeueCount, _queueSettings.MaxDequeueCount, e).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<ReconcileOutcome> ReconcileOnceAsync(ReconcileJob job, CancellationToken cancellationToken)
    {
        var registry = await _registry.LoadForAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        var app = registry.FindApp(job.App);
        var source = app is null ? null : registry.FindSource(app.Source);
        var cluster = registry.FindCluster(job.Cluster);
        if (app is null || source is null || cluster is null || !app.Clusters.Contains(job.Cluster))
        {
            _logger.LogWarning("Job {JobId} skipped: app {App} on cluster {Cluster} is no longer registered", job.JobId, job.App, job.Cluster);
            return new ReconcileOutcome(SyncResult.Skipped, $"app/{job.App} on cluster/{job.Cluster} is not registered");
        }

        await using var lease = await BlobLease.AcquireAsync(_storage, $"{job.App}/{job.Cluster}", _time, cancellationToken).ConfigureAwait(false);
        using var underLease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        try
        {
            return await SyncAsync(job, app, source, cluster, underLease.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new LeaseLostException($"lease {lease.Name}: renewal failed, so the sync stopped before its next write; the job will be retried.", e);
        }
    }

    private async Task<ReconcileOutcome> SyncAsync(ReconcileJob job, AppDefinition app, SourceDefinition source, ClusterDefinition cluster, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var status = await _status.GetAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        if (HoldReason(job, status) is { } hold)
        {
            // A pin or a suspension holds the revision back: it waits as pending, shown by apps and status.
            if (job.Reason == ReconcileReasons.NewCommit)
            {
                await _status.UpdateAsync(job.App, job.Cluster, s => s with { PendingRevision = job.Revision }, cancellationToken).ConfigureAwait(false);
            }

            return await _recorder.RecordSkipAsync(job, status, hold, started, cancellationToken).ConfigureAwait(false);
        }

        if (SkipReason(job, status) is { } skip)
        {
            return await _recorder.RecordSkipAsync(job, status, skip, started, cancellationToken).ConfigureAwait(false);
        }

        // Under driftPolicy: correct, Git owns the fields: a correction, and a sync someone asked for (resume, rollback, unpin, sync), take them back.
        var force = app.Force || (app.DriftPolicy == DriftPolicy.Correct && (job.Reason == ReconcileReasons.DriftCorrection || ReconcileReasons.IsRequested(job.Reason)));
        await _commitStatus.ReportAsync(source, app.Name, cluster.Name, job.Revision, CommitState.Running, $"syncing to {cluster.Name}", cancellationToken).ConfigureAwait(false);
        var result = await RunAsync(job, status, app, source, cluster, force, started, cancellationToken).ConfigureAwait(false);
        if (result.Result == SyncResult.Failed || (result.Result == SyncResult.Succeeded && !result.HealthPending))
        {
            // With a health check queued, the status stays running until health settles (HealthChecker posts it).
            var state = result.Result == SyncResult.Failed ? CommitState.Failed : CommitState.Success;
            await _commitStatus.ReportAsync(source, app.Name, cluster.Name, job.Revision, state, result.Message, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<ReconcileOutcome> RunAsync(ReconcileJob job, AppStatus? status, AppDefinition app, SourceDefinition source, ClusterDefinition cluster, bool force, DateTimeOffset started, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await _pipeline.RunAsync(app, source, cluster, job.Revision, force, cancellationToken).ConfigureAwait(false);
            if (outcome.WaitingFor.Count == 0)
            {
                return await _recorder.RecordSyncAsync(job, outcome with { Changes = outcome.Changes.WithEarlier(job.AppliedBefore) }, started, cancellationToken).ConfigureAwait(false);
            }

            var since = job.WaitingSince ?? started;
            if (_time.GetUtcNow() - since >= app.CrdTimeout)
            {
                throw new StageFailedException(ReconcileStage.Apply, outcome.WaitingFor
                    .Select(crd => new StageProblem($"CustomResourceDefinition/{crd}", $"not established and served within crdTimeout ({app.CrdTimeout}); its custom objects were not applied."))
                    .ToList());
            }

            var waiting = await _recorder.RecordWaitingAsync(job, outcome, since, cancellationToken).ConfigureAwait(false);
            await _queue.RequeueReconcileAsync(job with { WaitingSince = since, AppliedBefore = outcome.Changes.Applied(job.AppliedBefore) }, _options.CrdPollInterval, cancellationToken).ConfigureAwait(false);
            return waiting;
        }
        catch (StageFailedException e)
        {
            return await _recorder.RecordFailureAsync(job, e, started, cancellationToken).ConfigureAwait(false);
        }
        catch (RevisionNotFoundException e)
        {
            // The branch was force-pushed and the commit is gone: no retry brings it back, and the move's own job applies the new head.
            return await _recorder.RecordSkipAsync(job, status, e.Message, started, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Unauthorized(e) is { } refused)
        {
            // Wrong credentials fail the same way on every delivery: one failed sync and alert, not a poison queue.
            var stage = e is ApplyFailedException ? ReconcileStage.Apply : ReconcileStage.Validate;
            return await _recorder.RecordFailureAsync(job, new StageFailedException(stage, new StageProblem($"cluster/{cluster.Name}",
                $"the API server refused the credentials ({(int)refused.StatusCode} {refused.StatusCode}); check the cluster's token, kubeconfig or Azure identity. {refused.Message}"), refused), started, cancellationToken).ConfigureAwait(false);
        }
        catch (ApplyFailedException e)
        {
            // What was applied before the failure is confirmed: the inventory moves forward for it.
            await _recorder.RecordConfirmedAsync(job, e.Applied).ConfigureAwait(false);
            throw;
        }
    }

    private static KubernetesApiException? Unauthorized(Exception e)
        => (e as KubernetesApiException ?? e.InnerException as KubernetesApiException) is { StatusCode: System.Net.HttpStatusCode.Unauthorized } refused ? refused : null;

    /// <summary>Why a pin or a suspension holds the job back, or null.</summary>
    private static string? HoldReason(ReconcileJob job, AppStatus? status)
    {
        if (status is { Suspended: true })
        {
            return $"suspended ({status.SuspendedBy}); {SyncRecorder.Short(job.Revision)} is pending until resume";
        }

        return status?.PinnedRevision is { } pinned && job.Reason == ReconcileReasons.NewCommit && job.Revision != pinned
            ? $"pinned at {SyncRecorder.Short(pinned)} ({status.PinnedBy}), HEAD is {SyncRecorder.Short(job.Revision)}: pending until unpin"
            : null;
    }

    /// <summary>Why the job needs no work, or null.</summary>
    private static string? SkipReason(ReconcileJob job, AppStatus? status)
    {
        if (status is null)
        {
            return null;
        }

        if (status.LastJobId == job.JobId && job.JobId.Length > 0)
        {
            return $"job {job.JobId} was already processed";
        }

        if (job.Reason == ReconcileReasons.DriftCorrection)
        {
            // A correction re-applies what is applied when it runs, never what was applied when the scan planned it.
            if (status.AppliedRevision != job.Revision)
            {
                return $"drift correction planned for {SyncRecorder.Short(job.Revision)}, but {SyncRecorder.Short(status.AppliedRevision ?? "nothing")} is applied now; not rolled back";
            }

            if (job.PlannedAt is { } planned && status.LastSyncAt > planned)
            {
                return $"drift correction planned at {planned:u} is older than the sync at {status.LastSyncAt:u}, which re-applied {SyncRecorder.Short(job.Revision)}";
            }
        }

        var forced = job.Reason == ReconcileReasons.DriftCorrection || ReconcileReasons.IsRequested(job.Reason);
        if (!forced && status.AppliedRevision == job.Revision && status.LastResult == SyncResult.Succeeded)
        {
            return $"revision {SyncRecorder.Short(job.Revision)} is already applied";
        }

        // Stale: the app already applied what a later move of the head planned (an out-of-order delivery).
        // A branch reset to an older commit is a later move, so it is applied.
        if (job.Reason == ReconcileReasons.NewCommit && job.Sequence is { } sequence && status.AppliedSequence is { } appliedSequence
            && sequence < appliedSequence && status.AppliedRevision != job.Revision)
        {
            return $"revision {SyncRecorder.Short(job.Revision)} (plan {sequence}) is older than the applied {SyncRecorder.Short(status.AppliedRevision ?? "?")} (plan {appliedSequence}); not rolled back (pin a revision to roll back)";
        }

        return null;
    }
}
