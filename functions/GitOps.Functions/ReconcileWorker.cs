using GitOps.Core.Hosting;
using GitOps.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Queue <c>reconcile-jobs</c>: renders and applies one app revision to one cluster.</summary>
public sealed class ReconcileWorker
{
    private readonly ILogger<ReconcileWorker> _logger;

    public ReconcileWorker(ILogger<ReconcileWorker> logger) => _logger = logger;

    [Function(nameof(ReconcileWorker))]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.ReconcileJobsQueue, Connection = StorageOptions.ConnectionSetting)] string message,
        long dequeueCount,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await Triggers.ReconcileWorker.HandleAsync(context.InstanceServices, message, dequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
