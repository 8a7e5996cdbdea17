using GitOps.Core.Hosting;
using GitOps.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Queue <c>drift-scan-jobs</c>: compares the apps of one cluster (or one app there) with Git and raises drift alerts.</summary>
public sealed class DriftScanner
{
    private readonly ILogger<DriftScanner> _logger;

    public DriftScanner(ILogger<DriftScanner> logger) => _logger = logger;

    [Function(nameof(DriftScanner))]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.DriftScanJobsQueue, Connection = StorageOptions.ConnectionSetting)] string message,
        long dequeueCount,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await Triggers.DriftScanner.HandleAsync(context.InstanceServices, message, dequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
