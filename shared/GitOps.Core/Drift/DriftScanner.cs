using System.Security.Cryptography;
using System.Text;
using GitOps.Core.Alerts;
using GitOps.Core.Inventory;
using GitOps.Core.Kubernetes;
using GitOps.Core.Messaging;
using GitOps.Core.Planning;
using GitOps.Core.Reconcile;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Drift;

/// <summary>
/// Compares the live objects of an app × cluster with the last applied snapshot: one LIST per kind
/// (the app's label selector, paged), never a GET per object. New drift writes a report blob and an
/// alert row; the same drift found again raises no second alert. The drift policy then either stops
/// there or queues a correction, which re-applies whatever revision is applied when it runs.
/// </summary>
public sealed partial class DriftScanner
{
    private readonly RegistryStore _registry;
    private readonly AppStatusStore _status;
    private readonly SnapshotStore _snapshots;
    private readonly InventoryStore _inventory;
    private readonly DriftReportStore _reports;
    private readonly AlertCenter _alerts;
    private readonly ClusterConnector _clusters;
    private readonly JobQueue _queue;
    private readonly SecretMasker _masker;
    private readonly TimeProvider _time;
    private readonly ILogger<DriftScanner> _logger;

    public DriftScanner(
        RegistryStore registry, AppStatusStore status, SnapshotStore snapshots, InventoryStore inventory, DriftReportStore reports, AlertCenter alerts,
        ClusterConnector clusters, JobQueue queue, SecretMasker masker, TimeProvider time, ILogger<DriftScanner> logger)
    {
        _masker = masker;
        _registry = registry;
        _status = status;
        _snapshots = snapshots;
        _inventory = inventory;
        _reports = reports;
        _alerts = alerts;
        _clusters = clusters;
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    public async Task<DriftScanOutcome> ScanAsync(DriftScanJob job, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["App"] = job.App, ["Cluster"] = job.Cluster, ["JobId"] = job.JobId });
        var registry = await _registry.LoadForAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        var app = registry.FindApp(job.App);
        var cluster = registry.FindCluster(job.Cluster);
        var status = await _status.GetAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        if (app is null || cluster is null || status?.AppliedRevision is null || status.SnapshotBlob is null)
        {
            return new DriftScanOutcome(DriftState.Unknown, null, false, false, "nothing applied yet, or no longer registered");
        }

        var desired = await _snapshots.ReadAsync(status.SnapshotBlob, cancellationToken).ConfigureAwait(false);
        var inventory = await _inventory.ListAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        using var client = _clusters.Connect(cluster);
        var (items, orphans) = await CompareAsync(client, app, desired, inventory, _masker, cancellationToken).ConfigureAwait(false);

        // A sync that landed during the scan makes the comparison meaningless: never cry false drift.
        var after = await _status.GetAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        if (after?.AppliedRevision != status.AppliedRevision || after?.LastSyncAt != status.LastSyncAt)
        {
            return new DriftScanOutcome(DriftState.Unknown, null, false, false, "a sync landed during the scan; the next scan decides");
        }

        var now = _time.GetUtcNow();
        if (items.Count == 0)
        {
            await _alerts.ResolveAsync(job.App, job.Cluster, [AlertKind.Drift], $"no drift any more: the cluster matches {SyncRecorder.Short(status.AppliedRevision)}", cancellationToken).ConfigureAwait(false);
        }

        if (orphans.Count == 0)
        {
            await _alerts.ResolveAsync(job.App, job.Cluster, [AlertKind.Orphaned], "no orphaned objects any more", cancellationToken).ConfigureAwait(false);
        }

        if (items.Count == 0 && orphans.Count == 0)
        {
            await _status.UpdateAsync(job.App, job.Cluster, s => s with { Drift = DriftState.InSync, DriftFingerprint = null, LastDriftScanAt = now }, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("No drift: {App} on {Cluster} matches {Revision}", job.App, job.Cluster, SyncRecorder.Short(status.AppliedRevision));
            return new DriftScanOutcome(DriftState.InSync, null, false, false, "in sync");
        }

        var fingerprint = Fingerprint(items, orphans);
        var report = new DriftReport($"{now:yyyyMMddTHHmmss}-{fingerprint[..12]}", job.App, job.Cluster, status.AppliedRevision, now, items) { Orphans = orphans };
        var isNew = status.DriftFingerprint != fingerprint;
        if (isNew)
        {
            await _reports.WriteAsync(report, cancellationToken).ConfigureAwait(false);
            _logger.LogWarning("Drift found: {Summary}; report {Container}/{Report}", report.Summary(), StorageNames.DriftReportsContainer, report.BlobName);
        }

        // One open alert per set of drifted fields (their identities, not their values): the same drift found again is counted, not raised again.
        if (items.Count > 0)
        {
            var drift = Alert.Of(job.App, job.Cluster, AlertKind.Drift, report.Summary(), now, items.Select(i => $"{i.Object}|{i.Path}")) with
            {
                Revision = status.AppliedRevision,
                ReportBlob = isNew ? report.BlobName : null,
            };
            await _alerts.ResolveAsync(job.App, job.Cluster, a => a.Kind == AlertKind.Drift && a.Fingerprint != drift.Fingerprint, $"the drift changed: {report.Summary()}", cancellationToken).ConfigureAwait(false);
            await _alerts.RaiseAsync(drift, cancellationToken).ConfigureAwait(false);
        }

        if (orphans.Count > 0)
        {
            var orphaned = Alert.Of(job.App, job.Cluster, AlertKind.Orphaned, $"{orphans.Count} object(s) labelled for {job.App} are on {job.Cluster} but not in Git, and were not pruned: {string.Join(", ", orphans.Take(10))}{(orphans.Count > 10 ? ", ..." : string.Empty)}", now, orphans) with
            {
                Revision = status.AppliedRevision,
                ReportBlob = isNew ? report.BlobName : null,
            };
            await _alerts.ResolveAsync(job.App, job.Cluster, a => a.Kind == AlertKind.Orphaned && a.Fingerprint != orphaned.Fingerprint, "the orphaned objects changed", cancellationToken).ConfigureAwait(false);
            await _alerts.RaiseAsync(orphaned, cancellationToken).ConfigureAwait(false);
        }

        await _status.UpdateAsync(job.App, job.Cluster, s => s with { Drift = DriftState.Drifted, DriftFingerprint = fingerprint, LastDriftScanAt = now }, cancellationToken).ConfigureAwait(false);

        // Orphans alone are reported, never corrected: deleting is prune's decision, not drift's.
        var correct = app.DriftPolicy == DriftPolicy.Correct && items.Count > 0;
        if (correct)
        {
            var revision = status.AppliedRevision;
            await _queue.SendReconcileAsync(new ReconcileJob(job.App, job.Cluster, revision, ReconcileReasons.DriftCorrection)
            {
                JobId = ChangePlanner.JobIdOf(job.App, job.Cluster, revision, ReconcileReasons.DriftCorrection) + "." + fingerprint[..8] + "." + now.ToUnixTimeSeconds(),
                PlannedAt = now,
            }, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Drift policy 'correct': re-apply of {Revision} queued", SyncRecorder.Short(revision));
        }

        return new DriftScanOutcome(DriftState.Drifted, report, isNew, correct, report.Summary());
    }

    private static string Fingerprint(IEnumerable<DriftItem> items, IEnumerable<string> orphans)
    {
        var text = string.Join('\n', items.Select(i => $"{i.Object}|{i.Path}|{i.Desired?.ToJsonString()}|{i.Live?.ToJsonString()}|{i.Manager}").Concat(orphans.Select(o => $"orphan|{o}")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
