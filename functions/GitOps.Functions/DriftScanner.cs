using GitOps.Core.Messaging;
using GitOps.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Queue <c>drift-scan-jobs</c>: compares one app × cluster with Git and raises drift alerts.</summary>
public sealed class DriftScanner
{
    private readonly Core.Drift.DriftScanner _scanner;
    private readonly ILogger<DriftScanner> _logger;

    public DriftScanner(Core.Drift.DriftScanner scanner, ILogger<DriftScanner> logger)
    {
        _scanner = scanner;
        _logger = logger;
    }

    [Function(nameof(DriftScanner))]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.DriftScanJobsQueue, Connection = StorageOptions.ConnectionSetting)] string message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await _scanner.ScanAsync(MessageSerializer.Deserialize<DriftScanJob>(message), cancellationToken).ConfigureAwait(false);
    }
}
