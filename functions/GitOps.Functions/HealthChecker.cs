using GitOps.Core.Hosting;
using GitOps.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Queue <c>health-checks</c>: rolls up the health of what a sync applied; re-queues itself while it progresses.</summary>
public sealed class HealthChecker
{
    private readonly ILogger<HealthChecker> _logger;

    public HealthChecker(ILogger<HealthChecker> logger) => _logger = logger;

    [Function(nameof(HealthChecker))]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.HealthChecksQueue, Connection = StorageOptions.ConnectionSetting)] string message,
        long dequeueCount,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await Triggers.HealthChecker.HandleAsync(context.InstanceServices, message, dequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
