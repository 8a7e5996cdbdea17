using GitOps.Core;
using GitOps.Core.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>Timer: detects new commits on every source and enqueues reconcile jobs.</summary>
public sealed class CommitPoller
{
    private readonly ILogger<CommitPoller> _logger;

    public CommitPoller(ILogger<CommitPoller> logger) => _logger = logger;

    [Function(nameof(CommitPoller))]
    public async Task RunAsync([TimerTrigger("%" + GitOpsOptions.CommitPollScheduleSetting + "%")] TimerInfo timer, FunctionContext context, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        await Triggers.CommitPoller.RunAsync(context.InstanceServices, cancellationToken).ConfigureAwait(false);
    }
}
