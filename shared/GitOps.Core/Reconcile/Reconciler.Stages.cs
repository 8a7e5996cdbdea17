using GitOps.Core.Alerts;
using GitOps.Core.Apply;
using ChangeAction = GitOps.Core.Apply.ChangeAction;
using GitOps.Core.Kubernetes;
using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using GitOps.Rendering;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Reconcile;

public sealed partial class Reconciler
{
    private async Task<string> FetchAsync(SourceDefinition source, string revision, CancellationToken cancellationToken)
    {
        var folder = await _git.CheckoutAsync(source, revision, cancellationToken).ConfigureAwait(false);
        _logger.LogDebug("Fetched {Source} at {Revision}", source.Name, Short(revision));
        return folder;
    }

    private RenderResult Render(AppDefinition app, string checkout)
    {
        try
        {
            var result = _renderer.Render(new RenderRequest(checkout, app.Path)
            {
                Variables = app.Variables,
                StrictVariables = app.StrictVariables,
            });
            _logger.LogDebug("Rendered {Count} object(s) from {Path}", result.Objects.Count, app.Path);
            return result;
        }
        catch (RenderException e)
        {
            throw new ReconcileStageException(ReconcileStage.Render, e.Message, e);
        }
    }

    private async Task<IReadOnlyList<DesiredObject>> ValidateAsync(ClusterClient client, RenderResult rendered, AppDefinition app, CancellationToken cancellationToken)
    {
        try
        {
            return await _applier.PrepareAsync(client, rendered.Objects, app.Name, app.Namespace, cancellationToken).ConfigureAwait(false);
        }
        catch (ApplyValidationException e)
        {
            throw new ReconcileStageException(ReconcileStage.Validate, e.Message, e);
        }
    }

    private async Task<ChangeSet> ApplyAsync(ClusterClient client, IReadOnlyList<DesiredObject> desired, ReconcileJob job, CancellationToken cancellationToken)
    {
        var inventory = await _inventory.ListAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        var previous = inventory.Where(e => e.ResourceVersion is not null).ToDictionary(e => e.Object.Key, e => e.ResourceVersion!, StringComparer.Ordinal);
        try
        {
            var changes = await _applier.ApplyAsync(client, desired, previous, force: true, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Objects applied to {Cluster}: {Summary}", job.Cluster, changes.Summary());
            return changes;
        }
        catch (ApplyValidationException e)
        {
            throw new ReconcileStageException(ReconcileStage.Validate, e.Message, e);
        }
        catch (ApplyFailedException e)
        {
            // What was applied before the failure is confirmed: the inventory moves forward for it.
            await _inventory.RecordAsync(job.App, job.Cluster, job.Revision, e.Applied, CancellationToken.None).ConfigureAwait(false);
            if (e.InnerException is KubernetesApiException { IsPermanent: true })
            {
                throw new ReconcileStageException(ReconcileStage.Apply, e.Message, e);
            }

            throw;
        }
    }

    private async Task<ReconcileOutcome> RecordSuccessAsync(ReconcileJob job, IReadOnlyList<DesiredObject> desired, ChangeSet changes, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.WriteAsync(job.App, job.Cluster, job.Revision, desired.Select(d => SecretMasker.Mask(d.Body)), cancellationToken).ConfigureAwait(false);
        await _inventory.RecordAsync(job.App, job.Cluster, job.Revision, changes, cancellationToken).ConfigureAwait(false);
        var message = changes.Summary();
        var finished = _time.GetUtcNow();
        await _history.AddAsync(new SyncRecord(job.App, job.Cluster, job.JobId, job.Revision, job.Reason, SyncResult.Succeeded, null, message, started, finished)
        {
            Created = changes.Count(ChangeAction.Created),
            Configured = changes.Count(ChangeAction.Configured),
            Unchanged = changes.Count(ChangeAction.Unchanged),
            Deleted = changes.Count(ChangeAction.Deleted),
            SnapshotBlob = snapshot,
        }, cancellationToken).ConfigureAwait(false);
        await _status.UpdateAsync(job.App, job.Cluster, s => s with
        {
            AppliedRevision = job.Revision,
            SnapshotBlob = snapshot,
            LastAttemptedRevision = job.Revision,
            LastResult = SyncResult.Succeeded,
            LastMessage = message,
            LastJobId = job.JobId,
            LastSyncAt = finished,

            // A fresh apply resets drift; the next scan decides again.
            Drift = DriftState.Unknown,
            DriftFingerprint = null,
        }, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Synced {App} to {Cluster} at {Revision}: {Summary}", job.App, job.Cluster, Short(job.Revision), message);
        return new ReconcileOutcome(SyncResult.Succeeded, message, changes);
    }

    private async Task<ReconcileOutcome> RecordFailureAsync(ReconcileJob job, ReconcileStage stage, string error, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var message = $"{stage.ToString().ToLowerInvariant()} failed: {error}";
        var finished = _time.GetUtcNow();
        await _history.AddAsync(new SyncRecord(job.App, job.Cluster, job.JobId, job.Revision, job.Reason, SyncResult.Failed, stage.ToString(), message, started, finished), cancellationToken).ConfigureAwait(false);
        await _status.UpdateAsync(job.App, job.Cluster, s => s with
        {
            LastAttemptedRevision = job.Revision,
            LastResult = SyncResult.Failed,
            LastMessage = message,
            LastJobId = job.JobId,
            LastSyncAt = finished,
        }, cancellationToken).ConfigureAwait(false);
        await _alerts.AddAsync(new Alert(job.App, job.Cluster, AlertKind.SyncFailed, $"Sync of {Short(job.Revision)} failed: {message}", finished)
        {
            Id = $"sync-{job.JobId}",
            Revision = job.Revision,
        }, cancellationToken).ConfigureAwait(false);
        _logger.LogError("Sync of {App} to {Cluster} at {Revision} failed in stage {Stage}: {Error}", job.App, job.Cluster, Short(job.Revision), stage, error);
        return new ReconcileOutcome(SyncResult.Failed, message, null, stage);
    }

    private async Task<ReconcileOutcome> SkipAsync(ReconcileJob job, AppStatus? status, string reason, DateTimeOffset started, CancellationToken cancellationToken)
    {
        _logger.LogInformation("Job {JobId} skipped: {Reason}", job.JobId, reason);
        if (status?.LastJobId != job.JobId)
        {
            await _history.AddAsync(new SyncRecord(job.App, job.Cluster, job.JobId, job.Revision, job.Reason, SyncResult.Skipped, null, reason, started, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            await _status.UpdateAsync(job.App, job.Cluster, s => s with { LastJobId = job.JobId }, cancellationToken).ConfigureAwait(false);
        }

        return new ReconcileOutcome(SyncResult.Skipped, reason);
    }

    /// <summary>
    /// A failure the queue will retry: remembered in the status; on the last delivery also an alert,
    /// since the host then moves the message to <c>reconcile-jobs-poison</c> (where it stays for replay).
    /// </summary>
    private async Task RecordRetryAsync(ReconcileJob job, long dequeueCount, Exception error)
    {
        var last = dequeueCount >= _queueSettings.MaxDequeueCount;
        var poison = StorageNames.ReconcileJobsQueue + StorageNames.PoisonSuffix;
        _logger.LogWarning("Job {JobId} failed on delivery {Delivery} of {Max}{Then}: {Error}", job.JobId, dequeueCount, _queueSettings.MaxDequeueCount, last ? $"; it goes to {poison}" : "; it will be retried", error.Message);
        try
        {
            await _status.UpdateAsync(job.App, job.Cluster, s => s with { LastMessage = $"delivery {dequeueCount} failed: {error.Message}" }, CancellationToken.None).ConfigureAwait(false);
            if (last)
            {
                await _alerts.AddAsync(new Alert(job.App, job.Cluster, AlertKind.PoisonJob,
                    $"Reconcile job {job.JobId} ({Short(job.Revision)}, {job.Reason}) failed all {dequeueCount} deliveries and was moved to {poison}. Last error: {error.Message}",
                    _time.GetUtcNow())
                {
                    Id = $"poison-{job.JobId}",
                    Revision = job.Revision,
                }, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage itself may be what failed: the original error is what the queue must see.
            _logger.LogWarning("Job {JobId}: could not record the failure: {Error}", job.JobId, e.Message);
        }
    }
}
