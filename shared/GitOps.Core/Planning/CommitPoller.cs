using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Planning;

/// <summary>
/// The timer's part: one <c>source-changes</c> message per registered source, nothing else. Each
/// source is then looked at by its own <see cref="SourceWorker"/> invocation, so polling scales out
/// per source and a slow or failing source never holds up the others.
/// </summary>
public sealed class CommitPoller
{
    private readonly RegistryStore _registry;
    private readonly JobQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<CommitPoller> _logger;

    public CommitPoller(RegistryStore registry, JobQueue queue, TimeProvider time, ILogger<CommitPoller> logger)
    {
        _registry = registry;
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    public async Task<PollResult> PollAsync(CancellationToken cancellationToken)
    {
        var registry = await _registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        await Parallel.ForEachAsync(registry.Sources, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (source, ct) =>
            await _queue.SendSourceChangeAsync(new SourceChange(source.Name, SourceChange.PollTrigger) { SentAt = now }, ct).ConfigureAwait(false)).ConfigureAwait(false);
        _logger.LogDebug("Poll: {Count} source(s) queued for a look", registry.Sources.Count);
        return new PollResult(registry.Sources.Count);
    }
}
