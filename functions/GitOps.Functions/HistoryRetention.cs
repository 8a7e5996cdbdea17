using GitOps.Core;
using GitOps.Core.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Timer: keeps the newest history rows per app × cluster and deletes snapshots nothing references.</summary>
public sealed class HistoryRetention
{
    private readonly ILogger<HistoryRetention> _logger;

    public HistoryRetention(ILogger<HistoryRetention> logger) => _logger = logger;

    [Function(nameof(HistoryRetention))]
    public async Task RunAsync([TimerTrigger("%" + GitOpsOptions.HistoryRetentionScheduleSetting + "%")] TimerInfo timer, FunctionContext context, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await Triggers.HistoryRetention.RunAsync(context.InstanceServices, cancellationToken).ConfigureAwait(false);
    }
}
