using GitOps.Core.Messaging;
using GitOps.Core.Status;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Drift;

/// <summary>
/// Queues one drift scan per cluster that has an app with an applied revision (the scan compares all
/// of that cluster's apps in one execution: a message and an execution per app × cluster every five
/// minutes were 97 % of an idle estate's cost), and one more health check
/// of each Degraded one: a rollout that recovers by itself (a node back, an image pushed) turns
/// Healthy and resolves its alert without waiting for the next commit.
/// </summary>
public sealed class DriftScheduler
{
    private readonly AppStatusStore _status;
    private readonly JobQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<DriftScheduler> _logger;

    public DriftScheduler(AppStatusStore status, JobQueue queue, TimeProvider time, ILogger<DriftScheduler> logger)
    {
        _status = status;
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    /// <returns>The number of cluster scans queued.</returns>
    public async Task<int> ScheduleAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var clusters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var status in await _status.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (status.AppliedRevision is null)
            {
                continue;
            }

            clusters.Add(status.Cluster);
            if (status is { Health: HealthState.Degraded, HealthJobId: { } healthJob, LastSyncAt: { } synced })
            {
                await _queue.SendHealthCheckAsync(new HealthCheckJob(status.App, status.Cluster, status.AppliedRevision, healthJob, synced, status.HealthAttempt + 1), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var cluster in clusters)
        {
            await _queue.SendDriftScanAsync(new DriftScanJob(null, cluster) { JobId = $"{cluster}.scan.{now:yyyyMMddTHHmmss}" }, cancellationToken).ConfigureAwait(false);
        }

        var count = clusters.Count;
        _logger.LogInformation("Drift scans queued: {Count} cluster(s)", count);
        return count;
    }
}
