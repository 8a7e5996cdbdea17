using GitOps.Core.Alerts;
using GitOps.Core.Apply;
using GitOps.Core.Inventory;
using GitOps.Core.Kubernetes;
using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using GitOps.Rendering;
using GitOps.Core.Sources;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Reconcile;

/// <summary>
/// Handles one reconcile job: lease → fetch → render → validate → apply → record. Idempotent: a job
/// already processed, a revision already applied, or a revision older than the applied one is skipped.
/// A failure retrying cannot fix (render, validation) is recorded and the job completes; any other
/// failure is thrown so that the queue redelivers the job (and, in the end, poisons it).
/// </summary>
public sealed partial class Reconciler
{
    private readonly RegistryStore _registry;
    private readonly GitSourceCache _git;
    private readonly ManifestRenderer _renderer;
    private readonly ClusterConnector _clusters;
    private readonly ServerSideApplier _applier;
    private readonly AppStatusStore _status;
    private readonly SyncHistoryStore _history;
    private readonly InventoryStore _inventory;
    private readonly SnapshotStore _snapshots;
    private readonly AlertStore _alerts;
    private readonly StorageAccount _storage;
    private readonly QueueSettings _queueSettings;
    private readonly TimeProvider _time;
    private readonly ILogger<Reconciler> _logger;

    public Reconciler(
        RegistryStore registry, GitSourceCache git, ManifestRenderer renderer, ClusterConnector clusters, ServerSideApplier applier,
        AppStatusStore status, SyncHistoryStore history, InventoryStore inventory, SnapshotStore snapshots, AlertStore alerts,
        StorageAccount storage, QueueSettings queueSettings, TimeProvider time, ILogger<Reconciler> logger)
    {
        _registry = registry;
        _git = git;
        _renderer = renderer;
        _clusters = clusters;
        _applier = applier;
        _status = status;
        _history = history;
        _inventory = inventory;
        _snapshots = snapshots;
        _alerts = alerts;
        _storage = storage;
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
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordRetryAsync(job, dequeueCount, e).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<ReconcileOutcome> ReconcileOnceAsync(ReconcileJob job, CancellationToken cancellationToken)
    {
        var registry = await _registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var app = registry.FindApp(job.App);
        var source = app is null ? null : registry.FindSource(app.Source);
        var cluster = registry.FindCluster(job.Cluster);
        if (app is null || source is null || cluster is null || !app.Clusters.Contains(job.Cluster))
        {
            _logger.LogWarning("Job {JobId} skipped: app {App} on cluster {Cluster} is no longer registered", job.JobId, job.App, job.Cluster);
            return new ReconcileOutcome(SyncResult.Skipped, $"app/{job.App} on cluster/{job.Cluster} is not registered");
        }

        await using var lease = await BlobLease.AcquireAsync(_storage, $"{job.App}/{job.Cluster}", _time, cancellationToken).ConfigureAwait(false);
        var started = _time.GetUtcNow();
        var status = await _status.GetAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        if (await SkipReasonAsync(job, source, status, cancellationToken).ConfigureAwait(false) is { } skip)
        {
            return await SkipAsync(job, status, skip, started, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var checkout = await FetchAsync(source, job.Revision, cancellationToken).ConfigureAwait(false);
            var rendered = Render(app, checkout);
            using var client = _clusters.Connect(cluster);
            var desired = await ValidateAsync(client, rendered, app, cancellationToken).ConfigureAwait(false);
            var changes = await ApplyAsync(client, desired, job, cancellationToken).ConfigureAwait(false);
            return await RecordSuccessAsync(job, desired, changes, started, cancellationToken).ConfigureAwait(false);
        }
        catch (ReconcileStageException e)
        {
            return await RecordFailureAsync(job, e.Stage, e.Message, started, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Why the job needs no work, or null.</summary>
    private async Task<string?> SkipReasonAsync(ReconcileJob job, SourceDefinition source, AppStatus? status, CancellationToken cancellationToken)
    {
        if (status is null)
        {
            return null;
        }

        if (status.LastJobId == job.JobId && job.JobId.Length > 0)
        {
            return $"job {job.JobId} was already processed";
        }

        var forced = job.Reason is ReconcileReasons.DriftCorrection or ReconcileReasons.Manual;
        if (!forced && status.AppliedRevision == job.Revision && status.LastResult == SyncResult.Succeeded)
        {
            return $"revision {Short(job.Revision)} is already applied";
        }

        if (job.Reason == ReconcileReasons.NewCommit && status.AppliedRevision is { } applied
            && await _git.IsAncestorAsync(source, job.Revision, applied, cancellationToken).ConfigureAwait(false))
        {
            return $"revision {Short(job.Revision)} is older than the applied revision {Short(applied)}; not rolled back (pin a revision to roll back)";
        }

        return null;
    }

    internal static string Short(string revision) => revision[..Math.Min(12, revision.Length)];
}
