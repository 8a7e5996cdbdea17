using GitOps.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Timer: detects new commits on every source and enqueues reconcile jobs.</summary>
public sealed class CommitPoller
{
    private readonly Core.Planning.CommitPoller _poller;
    private readonly ILogger<CommitPoller> _logger;

    public CommitPoller(Core.Planning.CommitPoller poller, ILogger<CommitPoller> logger)
    {
        _poller = poller;
        _logger = logger;
    }

    [Function(nameof(CommitPoller))]
    public async Task RunAsync([TimerTrigger(GitOpsOptions.CommitPollSchedule)] TimerInfo timer, FunctionContext context, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await _poller.PollAsync(cancellationToken).ConfigureAwait(false);
    }
}
