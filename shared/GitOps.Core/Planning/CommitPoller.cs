using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using GitOps.Core.Sources;
using GitOps.Core.Status;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Planning;

/// <summary>
/// For each source, reads the remote branch head (no clone); when it moved, records the new head
/// with a compare-and-swap and, only if this poller won, enqueues the planned reconcile jobs. When it
/// did not move, an app registered since (no status row on one of its clusters yet) still gets its
/// first job at the current head, so a new app is synced without waiting for the next commit.
/// </summary>
public sealed class CommitPoller
{
    private readonly RegistryStore _registry;
    private readonly GitSourceCache _git;
    private readonly SourceHeadStore _heads;
    private readonly AppStatusStore _status;
    private readonly JobQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<CommitPoller> _logger;

    public CommitPoller(RegistryStore registry, GitSourceCache git, SourceHeadStore heads, AppStatusStore status, JobQueue queue, TimeProvider time, ILogger<CommitPoller> logger)
    {
        _status = status;
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
        var synced = (await _status.ListAsync(cancellationToken).ConfigureAwait(false)).Select(s => (s.App, s.Cluster)).ToHashSet();
        foreach (var source in registry.Sources)
        {
            using var scope = _logger.BeginScope(new Dictionary<string, object> { ["Source"] = source.Name });
            try
            {
                enqueued += await PollSourceAsync(registry, source, synced, cancellationToken).ConfigureAwait(false);
            }
            catch (SourceException e)
            {
                _logger.LogWarning("Source {Source} could not be polled: {Error}", source.Name, e.Message);
                errors.Add(e.Message);
            }
        }

        return new PollResult(registry.Sources.Count, enqueued, errors);
    }

    private async Task<int> PollSourceAsync(RegistrySnapshot registry, SourceDefinition source, HashSet<(string App, string Cluster)> synced, CancellationToken cancellationToken)
    {
        var head = await Task.Run(() => _git.GetRemoteHead(source), cancellationToken).ConfigureAwait(false);
        var (seen, etag) = await _heads.GetAsync(source.Name, cancellationToken).ConfigureAwait(false);
        if (seen == head)
        {
            // Jobs of new apps have deterministic ids: a second poller queuing the same one is skipped by the worker.
            var first = ChangePlanner.Plan(registry, source, head).Where(j => !synced.Contains((j.App, j.Cluster))).ToList();
            foreach (var job in first)
            {
                await _queue.SendReconcileAsync(job, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("New app: {App} -> {Cluster} queued at {Revision} ({JobId})", job.App, job.Cluster, Short(head), job.JobId);
            }

            _logger.LogDebug("Source {Source}: {Branch} still at {Revision}", source.Name, source.Branch, Short(head));
            return first.Count;
        }

        if (!await _heads.TryMoveAsync(source.Name, etag, head, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            _logger.LogInformation("Source {Source}: another poller recorded {Revision} first; it enqueues the jobs", source.Name, Short(head));
            return 0;
        }

        var jobs = ChangePlanner.Plan(registry, source, head);
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

    internal static string Short(string revision) => revision[..Math.Min(12, revision.Length)];
}
