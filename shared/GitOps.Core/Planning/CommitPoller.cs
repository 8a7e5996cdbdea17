using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using GitOps.Core.Sources;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Planning;

/// <summary>
/// For each source, reads the remote branch head (no clone); when it moved, records the new head
/// with a compare-and-swap and, only if this poller won, enqueues the planned reconcile jobs. When it
/// did not move, an app (or cluster) registered since the head was planned gets its first job at the
/// current head, so a new app is synced without waiting for the next commit.
/// </summary>
public sealed class CommitPoller
{
    private readonly RegistryStore _registry;
    private readonly GitSourceCache _git;
    private readonly SourceHeadStore _heads;
    private readonly JobQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<CommitPoller> _logger;

    public CommitPoller(RegistryStore registry, GitSourceCache git, SourceHeadStore heads, JobQueue queue, TimeProvider time, ILogger<CommitPoller> logger)
    {
        _registry = registry;
        _git = git;
        _heads = heads;
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    public async Task<PollResult> PollAsync(CancellationToken cancellationToken)
    {
        var registry = await _registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var enqueued = 0;
        var errors = new List<string>();
        foreach (var source in registry.Sources)
        {
            using var scope = _logger.BeginScope(new Dictionary<string, object> { ["Source"] = source.Name });
            try
            {
                enqueued += await PollSourceAsync(registry, source, cancellationToken).ConfigureAwait(false);
            }
            catch (SourceException e)
            {
                _logger.LogWarning("Source {Source} could not be polled: {Error}", source.Name, e.Message);
                errors.Add(e.Message);
            }
        }

        return new PollResult(registry.Sources.Count, enqueued, errors);
    }

    private async Task<int> PollSourceAsync(RegistrySnapshot registry, SourceDefinition source, CancellationToken cancellationToken)
    {
        var head = await Task.Run(() => _git.GetRemoteHead(source), cancellationToken).ConfigureAwait(false);
        var (seen, etag, planned) = await _heads.GetPlannedAsync(source.Name, cancellationToken).ConfigureAwait(false);
        var all = ChangePlanner.Plan(registry, source, head);
        if (seen == head)
        {
            return await PlanNewAppsAsync(source, head, etag, all, planned, cancellationToken).ConfigureAwait(false);
        }

        if (!await _heads.TryMoveAsync(source.Name, etag, head, _time.GetUtcNow(), cancellationToken, all.Select(Pair)).ConfigureAwait(false))
        {
            _logger.LogInformation("Source {Source}: another poller recorded {Revision} first; it enqueues the jobs", source.Name, Short(head));
            return 0;
        }

        var jobs = all;
        _logger.LogInformation("Commit detected: {Source} {Branch} moved {From} -> {Revision}; {JobCount} reconcile job(s)", source.Name, source.Branch, seen is null ? "(none)" : Short(seen), Short(head), jobs.Count);
        try
        {
            foreach (var job in jobs)
            {
                await _queue.SendReconcileAsync(job, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Job queued: {App} -> {Cluster} at {Revision} ({JobId})", job.App, job.Cluster, Short(job.Revision), job.JobId);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Put the head back so that the next poll plans these jobs again instead of losing them.
            await _heads.RestoreAsync(source.Name, head, seen, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);

            throw;
        }

        return jobs.Count;
    }

    /// <summary>
    /// The head did not move, but apps or clusters registered since it was planned get their first job
    /// at it. Queued before the row records them (a failure leaves them unplanned, to be queued again);
    /// the job ids are deterministic, so a poller that loses the race queued a job the worker skips.
    /// </summary>
    private async Task<int> PlanNewAppsAsync(SourceDefinition source, string head, Azure.ETag etag, IReadOnlyList<ReconcileJob> all, IReadOnlySet<string>? planned, CancellationToken cancellationToken)
    {
        var fresh = planned is null ? [] : all.Where(j => !planned.Contains(Pair(j))).ToList();
        if (fresh.Count == 0)
        {
            _logger.LogDebug("Source {Source}: {Branch} still at {Revision}", source.Name, source.Branch, Short(head));
            return 0;
        }

        foreach (var job in fresh)
        {
            await _queue.SendReconcileAsync(job, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("New app: {App} -> {Cluster} queued at {Revision} ({JobId})", job.App, job.Cluster, Short(head), job.JobId);
        }

        await _heads.TryMoveAsync(source.Name, etag, head, _time.GetUtcNow(), cancellationToken, planned!.Concat(fresh.Select(Pair))).ConfigureAwait(false);
        return fresh.Count;
    }

    private static string Pair(ReconcileJob job) => $"{job.App}/{job.Cluster}";

    internal static string Short(string revision) => revision[..Math.Min(12, revision.Length)];
}
