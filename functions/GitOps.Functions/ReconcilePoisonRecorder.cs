using GitOps.Core.Reconcile;
using GitOps.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Queue <c>reconcile-jobs-poison</c>: a job that failed every delivery leaves an alert row.</summary>
public sealed class ReconcilePoisonRecorder
{
    private readonly PoisonJobRecorder _recorder;
    private readonly ILogger<ReconcilePoisonRecorder> _logger;

    public ReconcilePoisonRecorder(PoisonJobRecorder recorder, ILogger<ReconcilePoisonRecorder> logger)
    {
        _recorder = recorder;
        _logger = logger;
    }

    [Function(nameof(ReconcilePoisonRecorder))]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.ReconcileJobsQueue + StorageNames.PoisonSuffix, Connection = StorageOptions.ConnectionSetting)] string message,
        long dequeueCount,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await _recorder.RecordAsync(message, dequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
