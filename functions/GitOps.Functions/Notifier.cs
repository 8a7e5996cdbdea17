using GitOps.Core.Hosting;
using GitOps.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Queue <c>notifications</c>: posts one alert event to one chat or webhook channel.</summary>
public sealed class Notifier
{
    private readonly ILogger<Notifier> _logger;

    public Notifier(ILogger<Notifier> logger) => _logger = logger;

    [Function(nameof(Notifier))]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.NotificationsQueue, Connection = StorageOptions.ConnectionSetting)] string message,
        long dequeueCount,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await Triggers.Notifier.HandleAsync(context.InstanceServices, message, dequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
