using GitOps.Core.Alerts;
using GitOps.Core.Messaging;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Reconcile;

/// <summary>
/// Reads <c>reconcile-jobs-poison</c>: a job that failed every delivery leaves an alert row saying
/// so, with the last error the worker recorded. The message stays in the poison queue for inspection.
/// </summary>
public sealed class PoisonJobRecorder
{
    private readonly AlertStore _alerts;
    private readonly AppStatusStore _status;
    private readonly TimeProvider _time;
    private readonly ILogger<PoisonJobRecorder> _logger;

    public PoisonJobRecorder(AlertStore alerts, AppStatusStore status, TimeProvider time, ILogger<PoisonJobRecorder> logger)
    {
        _alerts = alerts;
        _status = status;
        _time = time;
        _logger = logger;
    }

    public async Task RecordAsync(string messageBody, long dequeueCount, CancellationToken cancellationToken)
    {
        ReconcileJob job;
        try
        {
            job = MessageSerializer.Deserialize<ReconcileJob>(messageBody);
        }
        catch (FormatException e)
        {
            await _alerts.AddAsync(new Alert("unknown", "unknown", AlertKind.PoisonJob, $"An unreadable message reached {StorageNames.ReconcileJobsQueue}{StorageNames.PoisonSuffix}: {e.Message}", _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return;
        }

        var status = await _status.GetAsync(job.App, job.Cluster, cancellationToken).ConfigureAwait(false);
        var summary = $"Reconcile job {job.JobId} ({Reconciler.Short(job.Revision)}, {job.Reason}) failed all {dequeueCount} deliveries and was moved to " +
            $"{StorageNames.ReconcileJobsQueue}{StorageNames.PoisonSuffix}. Last error: {status?.LastMessage ?? "unknown"}";
        await _alerts.AddAsync(new Alert(job.App, job.Cluster, AlertKind.PoisonJob, summary, _time.GetUtcNow())
        {
            Id = $"poison-{job.JobId}",
            Revision = job.Revision,
        }, cancellationToken).ConfigureAwait(false);
        _logger.LogError("Job {JobId} poisoned: {Summary}", job.JobId, summary);
    }
}
