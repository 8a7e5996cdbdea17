using GitOps.Core.Hosting;
using GitOps.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Queue <c>source-changes</c>: reads one source's head and plans the jobs of a move (webhook and timer alike).</summary>
public sealed class SourceWorker
{
    private readonly ILogger<SourceWorker> _logger;

    public SourceWorker(ILogger<SourceWorker> logger) => _logger = logger;

    [Function(nameof(SourceWorker))]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.SourceChangesQueue, Connection = StorageOptions.ConnectionSetting)] string message,
        long dequeueCount,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await Triggers.SourceWorker.HandleAsync(context.InstanceServices, message, dequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
