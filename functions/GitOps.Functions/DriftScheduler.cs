using GitOps.Core;
using GitOps.Core.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Timer: queues a drift scan for every synced app × cluster.</summary>
public sealed class DriftScheduler
{
    private readonly ILogger<DriftScheduler> _logger;

    public DriftScheduler(ILogger<DriftScheduler> logger) => _logger = logger;

    [Function(nameof(DriftScheduler))]
    public async Task RunAsync([TimerTrigger("%" + GitOpsOptions.DriftScanScheduleSetting + "%")] TimerInfo timer, FunctionContext context, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await Triggers.DriftScheduler.RunAsync(context.InstanceServices, cancellationToken).ConfigureAwait(false);
    }
}
