using System.Text.Json.Nodes;
using GitOps.Core.Alerts;
using GitOps.Core.Apply;
using GitOps.Core.Kubernetes;
using GitOps.Core.Messaging;
using GitOps.Core.Reconcile;
using GitOps.Core.Registry;
using GitOps.Core.Sources;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Core.Health;

/// <summary>
/// Handles one <see cref="HealthCheckJob"/>: reads what the sync applied (its snapshot), LISTs it from
/// the cluster once per kind, evaluates each object (<see cref="HealthEvaluator"/>) and rolls them up.
/// Progressing queues the next check with backoff until the app's health timeout, then Degraded;
/// Degraded raises one alert per app × cluster × revision; Healthy resolves the open one. Nothing
/// sleeps. Idempotent: a check of an older sync, or an attempt already recorded, is skipped.
/// </summary>
public sealed class HealthChecker
{
    private readonly RegistryStore _registry;
    private readonly GitLabCommitStatus _commitStatus;
    private readonly AppStatusStore _status;
    private readonly SnapshotStore _snapshots;
    private readonly AlertCenter _alerts;
    private readonly ClusterConnector _clusters;
    private readonly JobQueue _queue;
    private readonly HealthOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HealthChecker> _logger;

    public HealthChecker(
        RegistryStore registry, GitLabCommitStatus commitStatus, AppStatusStore status, SnapshotStore snapshots, AlertCenter alerts, ClusterConnector clusters, JobQueue queue,
        IOptions<HealthOptions> options, TimeProvider time, ILogger<HealthChecker> logger)
    {
        _registry = registry;
        _commitStatus = commitStatus;
        _status = status;
        _snapshots = snapshots;
        _alerts = alerts;
        _clusters = clusters;
        _queue = queue;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<HealthCheckOutcome> CheckAsync(HealthCheckJob job, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object>
        {
            ["App"] = job.App, ["Cluster"] = job.Cluster, ["Revision"] = job.Revision, ["JobId"] = job.JobId, ["Attempt"] = job.Attempt,
        });
        var registry = await _registry.LoadForAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        var app = registry.FindApp(job.App);
        var cluster = registry.FindCluster(job.Cluster);
        if (app is null || cluster is null || !app.Clusters.Contains(job.Cluster))
        {
            return Skip(job, $"app/{job.App} on cluster/{job.Cluster} is no longer registered");
        }

        var status = await _status.GetAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        if (SkipReason(job, status) is { } reason)
        {
            return Skip(job, reason);
        }

        var desired = await _snapshots.ReadAsync(status!.SnapshotBlob!, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ObjectHealth> objects;
        using (var client = _clusters.Connect(cluster))
        {
            objects = await EvaluateAsync(client, job.App, desired.Select(d => d.Body).ToList(), cancellationToken).ConfigureAwait(false);
        }

        var rollup = HealthRollup.Of(objects);
        var now = _time.GetUtcNow();
        var timeout = TimeoutOf(app);
        var deadline = job.StartedAt + timeout;
        var outcome = rollup.State switch
        {
            HealthState.Healthy => await RecordHealthyAsync(job, status, rollup.Summary(objects.Count), now, cancellationToken).ConfigureAwait(false),
            HealthState.Degraded => await RecordDegradedAsync(job, app, status, rollup, rollup.Summary(objects.Count), now, cancellationToken).ConfigureAwait(false),
            _ when now >= deadline => await RecordDegradedAsync(job, app, status, rollup, TimedOut(timeout, rollup), now, cancellationToken).ConfigureAwait(false),
            _ => await RecordProgressingAsync(job, rollup, rollup.Summary(objects.Count), deadline - now, now, cancellationToken).ConfigureAwait(false),
        };
        if (outcome.Health is HealthState.Healthy or HealthState.Degraded && registry.FindSource(app.Source) is { } source)
        {
            // The sync's commit status stayed running until health settled.
            var state = outcome.Health == HealthState.Healthy ? CommitState.Success : CommitState.Failed;
            await _commitStatus.ReportAsync(source, job.App, job.Cluster, job.Revision, state, $"{status.LastMessage}; {outcome.Health.ToString()!.ToLowerInvariant()}: {outcome.Message}", cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>The app's <c>healthTimeout</c> when its registry entry sets one, else <see cref="HealthOptions.Timeout"/>.</summary>
    private TimeSpan TimeoutOf(AppDefinition app)
        => app.HealthTimeout ?? _options.Timeout;

    private static string? SkipReason(HealthCheckJob job, AppStatus? status)
    {
        if (status?.AppliedRevision != job.Revision || status.SnapshotBlob is null)
        {
            return $"revision {SyncRecorder.Short(job.Revision)} is no longer the applied revision; a newer sync has its own check";
        }

        if (status.HealthJobId != job.JobId)
        {
            return $"a newer sync of {SyncRecorder.Short(job.Revision)} has its own check";
        }

        if (status.HealthAttempt >= job.Attempt)
        {
            return $"check {job.Attempt} of {job.JobId} was already recorded";
        }

        return null;
    }

    private HealthCheckOutcome Skip(HealthCheckJob job, string reason)
    {
        _logger.LogInformation("Health check {JobId} (attempt {Attempt}) skipped: {Reason}", job.JobId, job.Attempt, reason);
        return new HealthCheckOutcome(null, reason);
    }

    /// <summary>One LIST per kind, by the app's ownership label; an applied object not listed is NotFound.</summary>
    private static async Task<IReadOnlyList<ObjectHealth>> EvaluateAsync(ClusterClient client, string app, IReadOnlyList<JsonObject> desired, CancellationToken cancellationToken)
    {
        var result = new List<ObjectHealth>();
        foreach (var kind in desired.GroupBy(d => ((string?)d["apiVersion"] ?? string.Empty, ObjectRef.From(d).Kind)))
        {
            var (apiVersion, kindName) = kind.Key;
            var resource = await client.ResolveAsync(apiVersion, kindName, cancellationToken).ConfigureAwait(false);
            if (resource is null)
            {
                result.AddRange(kind.Select(d => new ObjectHealth(ObjectRef.From(d), HealthStatus.NotFound, $"{apiVersion} {kindName} is not served by the cluster")));
                continue;
            }

            var live = (await client.ListAsync(resource, null, Ownership.SelectorFor(app), cancellationToken).ConfigureAwait(false))
                .ToDictionary(l => Key(ObjectRef.From(l), resource), StringComparer.Ordinal);
            foreach (var obj in kind)
            {
                var reference = ObjectRef.From(obj);
                result.Add(live.TryGetValue(Key(reference, resource), out var found) ? HealthEvaluator.Evaluate(found) : HealthEvaluator.Missing(reference));
            }
        }

        return result;
    }

    /// <summary>Namespace and name; the namespace of a cluster-scoped object is ignored (a manifest may carry one).</summary>
    private static string Key(ObjectRef reference, ResourceInfo resource) => $"{(resource.Namespaced ? reference.Namespace : null)}/{reference.Name}";

    private async Task<HealthCheckOutcome> RecordProgressingAsync(HealthCheckJob job, HealthRollup rollup, string message, TimeSpan left, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var delay = _options.RecheckDelay(job.Attempt);
        delay = delay < left ? delay : left;

        // Queued before the status names this attempt: a crash in between redelivers this attempt (not
        // yet recorded), and of the two next checks the second finds its attempt recorded and stops.
        await _queue.SendHealthCheckAsync(job with { Attempt = job.Attempt + 1 }, delay, cancellationToken).ConfigureAwait(false);
        await RecordAsync(job, HealthState.Progressing, message, rollup.Named, now, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("{App} on {Cluster} is progressing: {Message}; next check in {Delay}", job.App, job.Cluster, message, delay);
        return new HealthCheckOutcome(HealthState.Progressing, message, delay);
    }

    private async Task<HealthCheckOutcome> RecordDegradedAsync(HealthCheckJob job, AppDefinition app, AppStatus status, HealthRollup rollup, string message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var objects = rollup.Named;

        // autoRollback: back to the last revision that was healthy here, unless this is already a pinned revision (no loop).
        var rollbackTo = app.AutoRollback && status.PinnedRevision is null && status.LastHealthyRevision is { } healthy && healthy != job.Revision ? healthy : null;
        var summary = $"{job.App} on {job.Cluster} at {SyncRecorder.Short(job.Revision)} is degraded: {message}"
            + (objects.Count > 1 ? $". Holding it back: {string.Join("; ", objects)}" : string.Empty)
            + (rollbackTo is null ? string.Empty : $". autoRollback: pinned to {SyncRecorder.Short(rollbackTo)}, the last revision healthy on {job.Cluster}; unpin to track the branch again");
        var alert = await _alerts.RaiseAsync(Alert.Of(job.App, job.Cluster, AlertKind.Degraded, summary, now) with { Revision = job.Revision }, cancellationToken).ConfigureAwait(false);
        var by = $"autoRollback at {now:u}: {SyncRecorder.Short(job.Revision)} was degraded";
        await RecordAsync(job, HealthState.Degraded, message, objects, now, cancellationToken, s => rollbackTo is null
            ? s with { HealthAlertId = alert.Id }
            : s with { HealthAlertId = alert.Id, PinnedRevision = rollbackTo, PinnedBy = by }).ConfigureAwait(false);
        if (rollbackTo is not null)
        {
            await _queue.SendReconcileAsync(new ReconcileJob(job.App, job.Cluster, rollbackTo, ReconcileReasons.Rollback)
            {
                JobId = $"{job.JobId}.autorollback",
                RequestedBy = by,
            }, cancellationToken).ConfigureAwait(false);
            _logger.LogWarning("{App} on {Cluster}: autoRollback pinned {Revision}", job.App, job.Cluster, SyncRecorder.Short(rollbackTo));
        }

        _logger.LogWarning("{App} on {Cluster} is degraded: {Message}", job.App, job.Cluster, message);
        return new HealthCheckOutcome(HealthState.Degraded, message);
    }

    private async Task<HealthCheckOutcome> RecordHealthyAsync(HealthCheckJob job, AppStatus status, string message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (status.Health != HealthState.Healthy || status.HealthAlertId is not null)
        {
            await _alerts.ResolveAsync(job.App, job.Cluster, [AlertKind.Degraded], $"healthy at {SyncRecorder.Short(job.Revision)}: {message}", cancellationToken).ConfigureAwait(false);
        }

        await RecordAsync(job, HealthState.Healthy, message, [], now, cancellationToken, s => s with { HealthAlertId = null, LastHealthyRevision = job.Revision }).ConfigureAwait(false);
        _logger.LogInformation("{App} on {Cluster} is healthy: {Message}", job.App, job.Cluster, message);
        return new HealthCheckOutcome(HealthState.Healthy, message);
    }

    /// <summary>Writes the result, unless a newer sync or a later attempt got there first.</summary>
    private Task RecordAsync(
        HealthCheckJob job, HealthState health, string message, IReadOnlyList<string> objects, DateTimeOffset now, CancellationToken cancellationToken, Func<AppStatus, AppStatus>? more = null)
        => _status.UpdateAsync(job.App, job.Cluster, s =>
        {
            if (s.HealthJobId != job.JobId || s.HealthAttempt >= job.Attempt)
            {
                return s;
            }

            var updated = s with
            {
                Health = health,
                HealthMessage = message,
                HealthObjects = objects,
                HealthAttempt = job.Attempt,
                LastHealthCheckAt = now,
            };
            return more is null ? updated : more(updated);
        }, cancellationToken);

    private static string TimedOut(TimeSpan timeout, HealthRollup rollup)
        => $"timed out after {GoDuration(timeout)} waiting for {rollup.HoldingBack[0]}"
            + (rollup.HoldingBack.Count > 1 ? $" (and {rollup.HoldingBack.Count - 1} more)" : string.Empty);

    /// <summary>A duration as Go (and so kubectl, Argo CD and Flux) prints it: <c>5m0s</c>, <c>1h0m0s</c>, <c>2.5s</c>.</summary>
    public static string GoDuration(TimeSpan span)
    {
        var seconds = (span.Ticks % TimeSpan.TicksPerMinute) / (double)TimeSpan.TicksPerSecond;
        var secondsText = seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "s";
        var hours = (long)span.TotalHours;
        if (hours > 0)
        {
            return $"{hours}h{span.Minutes}m{secondsText}";
        }

        return span.Minutes > 0 ? $"{span.Minutes}m{secondsText}" : secondsText;
    }
}
