using GitOps.Core.Alerts;
using GitOps.Core.Apply;
using GitOps.Core.Health;
using GitOps.Core.Inventory;
using GitOps.Core.Messaging;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Core.Reconcile;

/// <summary>
/// Stage record, the one place that writes what a job did: snapshot blob, inventory, history row,
/// status and alerts. Inventory, history and alerts are all derived from the change set. A sync that
/// applied also queues the first health check of what it applied.
/// </summary>
public sealed class SyncRecorder
{
    private readonly AppStatusStore _status;
    private readonly SyncHistoryStore _history;
    private readonly InventoryStore _inventory;
    private readonly SnapshotStore _snapshots;
    private readonly AlertCenter _alerts;
    private readonly SecretMasker _masker;
    private readonly JobQueue _queue;
    private readonly HealthOptions _health;
    private readonly TimeProvider _time;
    private readonly ILogger<SyncRecorder> _logger;

    public SyncRecorder(
        AppStatusStore status, SyncHistoryStore history, InventoryStore inventory, SnapshotStore snapshots, AlertCenter alerts, SecretMasker masker,
        JobQueue queue, IOptions<HealthOptions> health, TimeProvider time, ILogger<SyncRecorder> logger)
    {
        _masker = masker;
        _queue = queue;
        _health = health.Value;
        _status = status;
        _history = history;
        _inventory = inventory;
        _snapshots = snapshots;
        _alerts = alerts;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// A sync that ran to the end. Objects that failed (a conflict, a failed delete) make it Failed,
    /// naming them, but what was applied is recorded and the applied revision moves forward.
    /// </summary>
    public async Task<ReconcileOutcome> RecordSyncAsync(ReconcileJob job, SyncOutcome outcome, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var changes = outcome.Changes;
        var snapshot = await _snapshots.WriteAsync(job.App, job.Cluster, job.Revision, outcome.Desired.Select(d => (_masker.Mask(d.Body), d.SourceFile)), cancellationToken).ConfigureAwait(false);
        await _inventory.RecordAsync(job.App, job.Cluster, job.Revision, changes, outcome.Inventory, cancellationToken).ConfigureAwait(false);
        var failed = changes.Entries.Where(e => e.Action == ChangeAction.Failed).ToList();
        var result = failed.Count == 0 ? SyncResult.Succeeded : SyncResult.Failed;
        Count(job, result);
        foreach (var action in new[] { ChangeAction.Created, ChangeAction.Configured, ChangeAction.Unchanged, ChangeAction.Pruned, ChangeAction.Failed })
        {
            Telemetry.SyncObjects.Add(changes.Count(action), new("gitops.app", job.App), new("gitops.cluster", job.Cluster), new("gitops.action", action.ToString().ToLowerInvariant()));
        }
        ReconcileStage? stage = failed.Count == 0 ? null : failed.Any(e => e.DesiredHash.Length > 0) ? ReconcileStage.Apply : ReconcileStage.Prune;
        var message = changes.Summary()
            + (outcome.Warnings.Count > 0 ? $"; {outcome.Warnings.Count} warning(s)" : string.Empty)
            + (outcome.PruneDeferred > 0 ? $"; prune of {outcome.PruneDeferred} object(s) deferred until every object applies" : string.Empty)
            + (failed.Count == 0 ? string.Empty : $"; {string.Join("; ", failed.Take(10))}{(failed.Count > 10 ? "; ..." : string.Empty)}");
        var finished = _time.GetUtcNow();
        var health = new HealthCheckJob(job.App, job.Cluster, job.Revision, $"{(job.JobId.Length > 0 ? job.JobId : "sync")}.{finished.ToUnixTimeMilliseconds()}", finished, 1);
        await _history.AddAsync(new SyncRecord(job.App, job.Cluster, job.JobId, job.Revision, job.Reason, result, stage?.ToString(), message, started, finished)
        {
            Created = changes.Count(ChangeAction.Created),
            Configured = changes.Count(ChangeAction.Configured),
            Unchanged = changes.Count(ChangeAction.Unchanged),
            Pruned = changes.Count(ChangeAction.Pruned),
            Orphaned = changes.Count(ChangeAction.Orphaned),
            Failed = failed.Count,
            Details = [.. outcome.Warnings.Select(w => $"warning {w}"), .. changes.Details()],
            SnapshotBlob = snapshot,
            RequestedBy = job.RequestedBy,
            Trigger = job.Trigger ?? job.Reason,
            CommitAuthor = outcome.Commit?.Author,
            CommitTitle = outcome.Commit?.Title,
        }, cancellationToken).ConfigureAwait(false);

        // A sync that changed nothing on a healthy app keeps its health: nothing new to roll out, no check to queue.
        var changedAnything = changes.Entries.Any(e => e.Action is ChangeAction.Created or ChangeAction.Configured or ChangeAction.Pruned);
        var keepHealth = false;
        await _status.UpdateAsync(job.App, job.Cluster, s =>
        {
            var synced = s with
            {
                AppliedRevision = job.Revision,
                AppliedSequence = job.Sequence is { } planned && planned > (s.AppliedSequence ?? 0) ? planned : s.AppliedSequence,
                SnapshotBlob = snapshot,
                LastAttemptedRevision = job.Revision,
                LastResult = result,
                LastMessage = message,
                LastJobId = job.JobId,
                LastSyncAt = finished,

                // A fresh apply resets drift; the next scan decides again.
                Drift = DriftState.Unknown,
                DriftFingerprint = null,
            };
            keepHealth = !changedAnything && s.Health == HealthState.Healthy;
            return keepHealth ? synced : synced with
            {
                // The checks of this sync decide health (an open Degraded alert stays until one finds it healthy).
                Health = HealthState.Unknown,
                HealthMessage = $"first check due at {finished + _health.FirstCheckDelay:u}",
                HealthObjects = [],
                HealthJobId = health.JobId,
                HealthAttempt = 0,
            };
        }, cancellationToken).ConfigureAwait(false);
        if (!keepHealth)
        {
            await _queue.SendHealthCheckAsync(health, _health.FirstCheckDelay, cancellationToken).ConfigureAwait(false);
        }

        if (failed.Count > 0)
        {
            // A field owned by another manager is a Conflict (force takes it over); any other failure is SyncFailed.
            var conflicts = failed.Where(f => f.Message?.StartsWith("conflict with", StringComparison.Ordinal) == true).ToList();
            var others = failed.Except(conflicts).ToList();
            foreach (var (kind, entries) in new[] { (AlertKind.Conflict, conflicts), (AlertKind.SyncFailed, others) }.Where(g => g.Item2.Count > 0))
            {
                await _alerts.RaiseAsync(Alert.Of(job.App, job.Cluster, kind, $"Sync of {Short(job.Revision)} to {job.Cluster}: {entries.Count} object(s) failed: {string.Join("; ", entries.Take(10))}", finished, entries.Select(e => e.Object.ToString())) with
                {
                    Revision = job.Revision,
                }, cancellationToken).ConfigureAwait(false);
            }

            _logger.LogWarning("Synced {App} to {Cluster} at {Revision} with {Failed} failed object(s): {Summary}", job.App, job.Cluster, Short(job.Revision), failed.Count, message);
        }
        else
        {
            _logger.LogInformation("Synced {App} to {Cluster} at {Revision}: {Summary}", job.App, job.Cluster, Short(job.Revision), message);
            await _alerts.ResolveAsync(job.App, job.Cluster, [AlertKind.SyncFailed, AlertKind.Conflict, AlertKind.PoisonJob], $"the sync of {Short(job.Revision)} succeeded: {message}", cancellationToken).ConfigureAwait(false);
        }

        if (changedAnything)
        {
            await _alerts.RaiseAsync(Alert.Of(job.App, job.Cluster, AlertKind.Synced, $"Synced {Short(job.Revision)} to {job.Cluster}: {message}", finished, job.Revision, job.JobId) with { Revision = job.Revision }, cancellationToken).ConfigureAwait(false);
        }

        if (changes.Count(ChangeAction.Pruned) > 0)
        {
            var pruned = changes.Entries.Where(e => e.Action == ChangeAction.Pruned).Select(e => e.Object.ToString()).ToList();
            await _alerts.RaiseAsync(Alert.Of(job.App, job.Cluster, AlertKind.Pruned, $"Pruned {pruned.Count} object(s) Git no longer has at {Short(job.Revision)}: {string.Join(", ", pruned.Take(10))}{(pruned.Count > 10 ? ", ..." : string.Empty)}", finished, [job.Revision, job.JobId, .. pruned]) with { Revision = job.Revision }, cancellationToken).ConfigureAwait(false);
        }

        return new ReconcileOutcome(result, message, changes, stage) { HealthPending = !keepHealth };
    }

    /// <summary>A stage failed for good: nothing (more) of this revision is applied; history, status and an alert say where and why.</summary>
    public async Task<ReconcileOutcome> RecordFailureAsync(ReconcileJob job, StageFailedException failure, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var stage = failure.Stage;
        Count(job, SyncResult.Failed);
        var message = $"{stage.ToString().ToLowerInvariant()} failed: {failure.Message}";
        var finished = _time.GetUtcNow();
        await _history.AddAsync(new SyncRecord(job.App, job.Cluster, job.JobId, job.Revision, job.Reason, SyncResult.Failed, stage.ToString(), message, started, finished)
        {
            Details = failure.Problems.Select(p => p.ToString()).ToList(),
            RequestedBy = job.RequestedBy,
            Trigger = job.Trigger ?? job.Reason,
            CommitAuthor = failure.Commit?.Author,
            CommitTitle = failure.Commit?.Title,
        }, cancellationToken).ConfigureAwait(false);
        await _status.UpdateAsync(job.App, job.Cluster, s => s with
        {
            LastAttemptedRevision = job.Revision,
            LastResult = SyncResult.Failed,
            LastMessage = message,
            LastJobId = job.JobId,
            LastSyncAt = finished,
        }, cancellationToken).ConfigureAwait(false);
        await _alerts.RaiseAsync(Alert.Of(job.App, job.Cluster, AlertKind.SyncFailed, $"Sync of {Short(job.Revision)} failed: {message}", finished, [stage.ToString(), .. failure.Problems.Select(p => p.Subject)]) with
        {
            Revision = job.Revision,
        }, cancellationToken).ConfigureAwait(false);
        _logger.LogError("Sync of {App} to {Cluster} at {Revision} failed in stage {Stage}: {Error}", job.App, job.Cluster, Short(job.Revision), stage, failure.Message);
        return new ReconcileOutcome(SyncResult.Failed, message, null, stage);
    }

    /// <summary>Custom objects wait for their CRDs: what was applied so far is confirmed; the status says what it waits for.</summary>
    public async Task<ReconcileOutcome> RecordWaitingAsync(ReconcileJob job, SyncOutcome outcome, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await _inventory.RecordAsync(job.App, job.Cluster, job.Revision, outcome.Changes, outcome.Inventory, cancellationToken).ConfigureAwait(false);
        var message = $"waiting since {since:u} for {string.Join(", ", outcome.WaitingFor.Select(c => $"CustomResourceDefinition/{c}"))} to be established; {outcome.Changes.Summary()} so far";
        await _status.UpdateAsync(job.App, job.Cluster, s => s with
        {
            LastAttemptedRevision = job.Revision,
            LastResult = SyncResult.Waiting,
            LastMessage = message,
        }, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Sync of {App} to {Cluster} at {Revision} is {Message}", job.App, job.Cluster, Short(job.Revision), message);
        return new ReconcileOutcome(SyncResult.Waiting, message, outcome.Changes);
    }

    /// <summary>The apply stopped on a failure the queue will retry: what it confirmed moves the inventory forward.</summary>
    public Task RecordConfirmedAsync(ReconcileJob job, ChangeSet confirmed)
        => _inventory.RecordAsync(job.App, job.Cluster, job.Revision, confirmed, null, CancellationToken.None);

    public async Task<ReconcileOutcome> RecordSkipAsync(ReconcileJob job, AppStatus? status, string reason, DateTimeOffset started, CancellationToken cancellationToken)
    {
        _logger.LogInformation("Job {JobId} skipped: {Reason}", job.JobId, reason);
        if (status?.LastJobId != job.JobId)
        {
            await _history.AddAsync(new SyncRecord(job.App, job.Cluster, job.JobId, job.Revision, job.Reason, SyncResult.Skipped, null, reason, started, _time.GetUtcNow()) { RequestedBy = job.RequestedBy, Trigger = job.Trigger ?? job.Reason }, cancellationToken).ConfigureAwait(false);
            await _status.UpdateAsync(job.App, job.Cluster, s => s with { LastJobId = job.JobId }, cancellationToken).ConfigureAwait(false);
        }

        return new ReconcileOutcome(SyncResult.Skipped, reason);
    }

    /// <summary>
    /// A failure the queue will retry: remembered in the status; on the last delivery also an alert,
    /// since the host then moves the message to <c>reconcile-jobs-poison</c> (where it stays for replay).
    /// </summary>
    public async Task RecordRetryAsync(ReconcileJob job, long dequeueCount, int maxDequeueCount, Exception error)
    {
        var last = dequeueCount >= maxDequeueCount;
        var poison = StorageNames.ReconcileJobsQueue + StorageNames.PoisonSuffix;
        _logger.LogWarning("Job {JobId} failed on delivery {Delivery} of {Max}{Then}: {Error}", job.JobId, dequeueCount, maxDequeueCount, last ? $"; it goes to {poison}" : "; it will be retried", error.Message);
        try
        {
            await _status.UpdateAsync(job.App, job.Cluster, s => s with { LastMessage = $"delivery {dequeueCount} failed: {error.Message}" }, CancellationToken.None).ConfigureAwait(false);
            if (last)
            {
                await _alerts.RaiseAsync(Alert.Of(job.App, job.Cluster, AlertKind.PoisonJob,
                    $"Reconcile job {job.JobId} ({Short(job.Revision)}, {job.Reason}) failed all {dequeueCount} deliveries and was moved to {poison}. Last error: {error.Message}",
                    _time.GetUtcNow()) with
                {
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

    private static void Count(ReconcileJob job, SyncResult result)
        => Telemetry.Syncs.Add(1, new("gitops.app", job.App), new("gitops.cluster", job.Cluster), new("gitops.result", result.ToString()), new("gitops.reason", job.Reason));

    internal static string Short(string revision) => revision[..Math.Min(12, revision.Length)];
}
