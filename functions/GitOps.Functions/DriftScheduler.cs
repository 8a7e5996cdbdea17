using GitOps.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Timer: queues a drift scan for every synced app × cluster.</summary>
public sealed class DriftScheduler
{
    private readonly Core.Drift.DriftScheduler _scheduler;
    private readonly ILogger<DriftScheduler> _logger;

    public DriftScheduler(Core.Drift.DriftScheduler scheduler, ILogger<DriftScheduler> logger)
    {
        _scheduler = scheduler;
        _logger = logger;
    }

    [Function(nameof(DriftScheduler))]
    public async Task RunAsync([TimerTrigger(GitOpsOptions.DriftScanSchedule)] TimerInfo timer, FunctionContext context, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await _scheduler.ScheduleAsync(cancellationToken).ConfigureAwait(false);
    }
}
