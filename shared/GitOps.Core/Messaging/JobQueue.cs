using GitOps.Core.Storage;

namespace GitOps.Core.Messaging;

/// <summary>Sends queue messages (base64 JSON, as the Functions queue trigger reads them).</summary>
public sealed class JobQueue
{
    private readonly StorageAccount _storage;

    public JobQueue(StorageAccount storage) => _storage = storage;

    public Task SendSourceChangeAsync(SourceChange change, CancellationToken cancellationToken = default)
        => SendAsync(StorageNames.SourceChangesQueue, change, null, cancellationToken);

    public Task SendReconcileAsync(ReconcileJob job, CancellationToken cancellationToken = default)
        => SendAsync(StorageNames.ReconcileJobsQueue, job, null, cancellationToken);

    /// <summary>Queues <paramref name="job"/> again, invisible for <paramref name="delay"/>: a fresh message, so the wait counts toward no poison limit.</summary>
    public Task RequeueReconcileAsync(ReconcileJob job, TimeSpan delay, CancellationToken cancellationToken)
        => SendAsync(StorageNames.ReconcileJobsQueue, job, delay, cancellationToken);

    public Task SendDriftScanAsync(DriftScanJob job, CancellationToken cancellationToken = default)
        => SendAsync(StorageNames.DriftScanJobsQueue, job, null, cancellationToken);

    /// <summary>Queues a health check, invisible for <paramref name="delay"/> (checks wait on the queue, never inside a function).</summary>
    public Task SendHealthCheckAsync(HealthCheckJob job, TimeSpan delay, CancellationToken cancellationToken)
        => SendAsync(StorageNames.HealthChecksQueue, job, delay, cancellationToken);

    /// <param name="queue">A queue name constant from <see cref="StorageNames"/>.</param>
    /// <param name="delay">Keep the message invisible this long (a delayed re-check).</param>
    public async Task SendAsync<T>(string queue, T message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var client = _storage.Queue(queue);
        await client.SendMessageAsync(MessageSerializer.Serialize(message), visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (delay is null || delay == TimeSpan.Zero)
        {
            Sent?.Invoke(queue);
        }
    }

    /// <summary>
    /// Raised with the queue name after a message visible at once was sent. The local runtime wakes
    /// that queue's listener instead of waiting for its next poll, as the Functions host does for
    /// messages its own functions add.
    /// </summary>
    public event Action<string>? Sent;
}
