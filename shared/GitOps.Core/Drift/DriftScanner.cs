using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
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

    /// <summary>Scans the job's app on its cluster, or, with no app, every app applied on the cluster (<see cref="ScanClusterAsync"/>).</summary>
    public async Task<DriftScanOutcome> ScanAsync(DriftScanJob job, CancellationToken cancellationToken)
    {
        if (job.App is null)
        {
            var outcomes = await ScanClusterAsync(job.Cluster, job.JobId, cancellationToken).ConfigureAwait(false);
            var drifted = outcomes.Count(o => o.State == DriftState.Drifted);
            return new DriftScanOutcome(
                drifted > 0 ? DriftState.Drifted : outcomes.Count > 0 ? DriftState.InSync : DriftState.Unknown, null,
                outcomes.Any(o => o.NewAlert), outcomes.Any(o => o.CorrectionQueued), $"{outcomes.Count} app(s) scanned on {job.Cluster}, {drifted} drifted");
        }

        var registry = await _registry.LoadForAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        var app = registry.FindApp(job.App);
        var cluster = registry.FindCluster(job.Cluster);
        var status = await _status.GetAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        if (app is null || cluster is null)
        {
            return new DriftScanOutcome(DriftState.Unknown, null, false, false, "nothing applied yet, or no longer registered");
        }

        using var client = _clusters.Connect(cluster);
        return await ScanAppAsync(app, cluster, status, client, job.JobId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Scans every app applied on <paramref name="clusterName"/> in one execution: the registry and the
    /// status rows are read with one query each, apps are compared a few at a time over one client, and
    /// an app whose live objects are all as the last in-sync scan left them reads no storage at all.
    /// One app failing does not stop the others; the job then fails naming them, and the queue retries it.
    /// </summary>
    public async Task<IReadOnlyList<DriftScanOutcome>> ScanClusterAsync(string clusterName, string jobId, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["Cluster"] = clusterName, ["JobId"] = jobId });
        var loaded = await _registry.LoadClusterAppsAsync(clusterName, cancellationToken).ConfigureAwait(false);
        if (loaded is not { } found)
        {
            _logger.LogInformation("Cluster {Cluster} is no longer registered: nothing to scan", clusterName);
            return [];
        }

        var statuses = (await _status.ListForClusterAsync(clusterName, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.App, StringComparer.Ordinal);
        var targets = found.Apps.Where(a => statuses.GetValueOrDefault(a.Name)?.AppliedRevision is not null).ToList();
        var outcomes = new DriftScanOutcome?[targets.Count];
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var client = _clusters.Connect(found.Cluster);
        await Parallel.ForAsync(0, targets.Count, new ParallelOptions { MaxDegreeOfParallelism = ClusterScanParallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var app = targets[i];
            try
            {
                outcomes[i] = await ScanAppAsync(app, found.Cluster, statuses[app.Name], client, jobId, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                failures[app.Name] = e.Message;
                _logger.LogError(e, "Drift scan of {App} on {Cluster} failed: {Message}", app.Name, clusterName, e.Message);
            }
        }).ConfigureAwait(false);

        var done = outcomes.OfType<DriftScanOutcome>().ToList();
        _logger.LogInformation(
            "Drift scan of {Cluster}: {Apps} app(s), {Unchanged} unchanged since the last scan, {InSync} compared in sync, {Drifted} drifted, {Failed} failed",
            clusterName, targets.Count, done.Count(o => o.Unchanged), done.Count(o => o is { State: DriftState.InSync, Unchanged: false }), done.Count(o => o.State == DriftState.Drifted), failures.Count);
        if (!failures.IsEmpty)
        {
            throw new InvalidOperationException(
                $"The drift scan of {failures.Count} of {targets.Count} app(s) on cluster {clusterName} failed: "
                + string.Join("; ", failures.OrderBy(f => f.Key, StringComparer.Ordinal).Take(10).Select(f => $"{f.Key}: {f.Value}")));
        }

        return done;
    }

    /// <summary>Apps of one cluster compared at once: their LIST requests overlap, the execution stays short.</summary>
    internal const int ClusterScanParallelism = 4;

    /// <summary>While nothing changes, an app's <c>LastDriftScanAt</c> is refreshed this often (one row write), not every scan.</summary>
    internal static readonly TimeSpan UnchangedRefresh = TimeSpan.FromHours(1);

    private async Task<DriftScanOutcome> ScanAppAsync(AppDefinition app, ClusterDefinition cluster, AppStatus? status, ClusterClient client, string jobId, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["App"] = app.Name, ["Cluster"] = cluster.Name, ["JobId"] = jobId });
        using var span = Telemetry.Start("gitops.drift", app.Name, cluster.Name);
        if (status?.AppliedRevision is null || status.SnapshotBlob is null)
        {
            return new DriftScanOutcome(DriftState.Unknown, null, false, false, "nothing applied yet, or no longer registered");
        }

        var definitions = RegistryStore.DefinitionDigest(app, cluster);
        (string Kinds, Dictionary<string, (ObjectRef Ref, JsonObject Item)> Live)? listedBefore = null;
        if (status is { Drift: DriftState.InSync, DriftScanKey: { } lastKey, DriftKinds: { } kinds })
        {
            var resources = await ResolveAsync(client, kinds.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseKind), cancellationToken).ConfigureAwait(false);
            var listed = await ListLiveAsync(client, app, resources, cancellationToken).ConfigureAwait(false);
            if (ScanKey(status, definitions, listed) == lastKey)
            {
                var checkedAt = _time.GetUtcNow();
                if (status.LastDriftScanAt is not { } last || checkedAt - last >= UnchangedRefresh)
                {
                    await _status.UpdateAsync(app.Name, cluster.Name, s => s.DriftScanKey == lastKey ? s with { LastDriftScanAt = checkedAt } : s, cancellationToken).ConfigureAwait(false);
                }

                _logger.LogDebug("No drift: {App} on {Cluster}: every live object is as the last scan found it", app.Name, cluster.Name);
                return new DriftScanOutcome(DriftState.InSync, null, false, false, "in sync (unchanged since the last scan)") { Unchanged = true };
            }

            listedBefore = (kinds, listed);
        }

        var desired = await _snapshots.ReadAsync(status.SnapshotBlob, cancellationToken).ConfigureAwait(false);
        var inventory = await _inventory.ListAsync(app.Name, cluster.Name, cancellationToken).ConfigureAwait(false);
        var (items, orphans, live, desiredKinds) = await CompareAsync(client, app, desired, inventory, _masker, listedBefore, cancellationToken).ConfigureAwait(false);

        // A sync that landed during the scan makes the comparison meaningless: never cry false drift.
        var after = await _status.GetAsync(app.Name, cluster.Name, cancellationToken).ConfigureAwait(false);
        if (after?.AppliedRevision != status.AppliedRevision || after?.LastSyncAt != status.LastSyncAt)
        {
            return new DriftScanOutcome(DriftState.Unknown, null, false, false, "a sync landed during the scan; the next scan decides");
        }

        var now = _time.GetUtcNow();
        if (items.Count == 0)
        {
            await _alerts.ResolveAsync(app.Name, cluster.Name, [AlertKind.Drift], $"no drift any more: the cluster matches {SyncRecorder.Short(status.AppliedRevision)}", cancellationToken).ConfigureAwait(false);
        }

        if (orphans.Count == 0)
        {
            await _alerts.ResolveAsync(app.Name, cluster.Name, [AlertKind.Orphaned], "no orphaned objects any more", cancellationToken).ConfigureAwait(false);
        }

        if (items.Count == 0 && orphans.Count == 0)
        {
            var key = ScanKey(status, definitions, live);
            await _status.UpdateAsync(app.Name, cluster.Name, s => s with { Drift = DriftState.InSync, DriftFingerprint = null, LastDriftScanAt = now, DriftScanKey = key, DriftKinds = desiredKinds }, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("No drift: {App} on {Cluster} matches {Revision}", app.Name, cluster.Name, SyncRecorder.Short(status.AppliedRevision));
            return new DriftScanOutcome(DriftState.InSync, null, false, false, "in sync");
        }

        var fingerprint = Fingerprint(items, orphans);
        var report = new DriftReport($"{now:yyyyMMddTHHmmss}-{fingerprint[..12]}", app.Name, cluster.Name, status.AppliedRevision, now, items) { Orphans = orphans };
        var isNew = status.DriftFingerprint != fingerprint;
        Telemetry.DriftItems.Add(items.Count, new("gitops.app", app.Name), new("gitops.cluster", cluster.Name));
        span?.SetTag("gitops.drifted", items.Count);
        if (isNew)
        {
            await _reports.WriteAsync(report, cancellationToken).ConfigureAwait(false);
            _logger.LogWarning("Drift found: {Summary}; report {Container}/{Report}", report.Summary(), StorageNames.DriftReportsContainer, report.BlobName);
        }

        // One open alert per set of drifted fields (their identities, not their values): the same drift found again is counted, not raised again.
        if (items.Count > 0)
        {
            var drift = Alert.Of(app.Name, cluster.Name, AlertKind.Drift, report.Summary(), now, items.Select(i => $"{i.Object}|{i.Path}")) with
            {
                Revision = status.AppliedRevision,
                ReportBlob = isNew ? report.BlobName : null,
            };
            await _alerts.ResolveAsync(app.Name, cluster.Name, a => a.Kind == AlertKind.Drift && a.Fingerprint != drift.Fingerprint, $"the drift changed: {report.Summary()}", cancellationToken).ConfigureAwait(false);
            await _alerts.RaiseAsync(drift, cancellationToken).ConfigureAwait(false);
        }

        if (orphans.Count > 0)
        {
            var orphaned = Alert.Of(app.Name, cluster.Name, AlertKind.Orphaned, $"{orphans.Count} object(s) labelled for {app.Name} are on {cluster.Name} but not in Git, and were not pruned: {string.Join(", ", orphans.Take(10))}{(orphans.Count > 10 ? ", ..." : string.Empty)}", now, orphans) with
            {
                Revision = status.AppliedRevision,
                ReportBlob = isNew ? report.BlobName : null,
            };
            await _alerts.ResolveAsync(app.Name, cluster.Name, a => a.Kind == AlertKind.Orphaned && a.Fingerprint != orphaned.Fingerprint, "the orphaned objects changed", cancellationToken).ConfigureAwait(false);
            await _alerts.RaiseAsync(orphaned, cancellationToken).ConfigureAwait(false);
        }

        await _status.UpdateAsync(app.Name, cluster.Name, s => s with { Drift = DriftState.Drifted, DriftFingerprint = fingerprint, LastDriftScanAt = now, DriftScanKey = null }, cancellationToken).ConfigureAwait(false);

        // Orphans alone are reported, never corrected: deleting is prune's decision, not drift's.
        var correct = app.DriftPolicy == DriftPolicy.Correct && items.Count > 0;
        if (correct)
        {
            var revision = status.AppliedRevision;
            await _queue.SendReconcileAsync(new ReconcileJob(app.Name, cluster.Name, revision, ReconcileReasons.DriftCorrection)
            {
                JobId = ChangePlanner.JobIdOf(app.Name, cluster.Name, revision, ReconcileReasons.DriftCorrection) + "." + fingerprint[..8] + "." + now.ToUnixTimeSeconds(),
                PlannedAt = now,
            }, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Drift policy 'correct': re-apply of {Revision} queued", SyncRecorder.Short(revision));
        }

        return new DriftScanOutcome(DriftState.Drifted, report, isNew, correct, report.Summary());
    }

    /// <summary>
    /// What an in-sync verdict depended on: the applied revision, its snapshot and sync, the app's and
    /// cluster's registry entries, and every live object's identity and <c>resourceVersion</c> (any
    /// write to an object, an object deleted or a new labelled one changes it).
    /// </summary>
    private static string ScanKey(AppStatus status, string definitions, IReadOnlyDictionary<string, (ObjectRef Ref, JsonObject Item)> live)
    {
        var text = new StringBuilder().Append("v1\n").Append(status.AppliedRevision).Append('\n').Append(status.SnapshotBlob).Append('\n')
            .Append(status.LastSyncAt?.ToUnixTimeMilliseconds()).Append('\n').Append(definitions).Append('\n');
        foreach (var (key, (_, item)) in live.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('@').Append((string?)item["metadata"]?["resourceVersion"]).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static (string ApiVersion, string Kind) ParseKind(string line)
    {
        var bar = line.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (string.Empty, line) : (line[..bar], line[(bar + 1)..]);
    }

    private static string Fingerprint(IEnumerable<DriftItem> items, IEnumerable<string> orphans)
    {
        var text = string.Join('\n', items.Select(i => $"{i.Object}|{i.Path}|{i.Desired?.ToJsonString()}|{i.Live?.ToJsonString()}|{i.Manager}").Concat(orphans.Select(o => $"orphan|{o}")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
