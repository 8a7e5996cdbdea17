using GitOps.Core.Alerts;
using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using GitOps.Core.Sources;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Planning;

/// <summary>
/// Handles <c>source-changes</c>, whoever sent it (webhook or timer): reads the branch head from git
/// (the message is only a trigger), and when it moved, diffs the old and new trees, plans jobs for
/// the apps whose render inputs changed, moves the head by compare-and-swap and queues the jobs.
/// <para>
/// No commit is lost if the handler dies between moving the head and queueing: the move writes the
/// head as <c>Pending</c>, and whoever finds it pending (the redelivered message, the next poll)
/// queues the move's jobs again before anything else; job ids are deterministic, so a job queued
/// twice is run once. When the head did not move, apps or clusters registered since it was planned
/// get their first job at it.
/// </para>
/// A source that cannot be read is that source's error: one open SourceUnreachable alert, resolved
/// when it reads again; the message completes (the next poll looks again), so it never poisons.
/// </summary>
public sealed class SourceWorker
{
    private readonly RegistryStore _registry;
    private readonly GitSourceCache _git;
    private readonly SourceHeadStore _heads;
    private readonly RenderInputStore _inputs;
    private readonly JobQueue _queue;
    private readonly AlertCenter _alerts;
    private readonly TimeProvider _time;
    private readonly GitSourceOptions _options;
    private readonly ILogger<SourceWorker> _logger;

    public SourceWorker(
        RegistryStore registry, GitSourceCache git, SourceHeadStore heads, RenderInputStore inputs, JobQueue queue, AlertCenter alerts,
        TimeProvider time, Microsoft.Extensions.Options.IOptions<GitSourceOptions> options, ILogger<SourceWorker> logger)
    {
        _registry = registry;
        _git = git;
        _heads = heads;
        _inputs = inputs;
        _queue = queue;
        _alerts = alerts;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The alert partition of a source's alerts (app names are DNS labels, so this never names an app).</summary>
    public static string AlertSubject(string source) => $"source:{source}";

    public async Task<SourceCheck> CheckAsync(SourceChange change, CancellationToken cancellationToken)
    {
        var registry = await _registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var source = registry.FindSource(change.Source);
        if (source is null)
        {
            _logger.LogWarning("Source {Source} is not registered (any more); nothing to look at", change.Source);
            return new SourceCheck(change.Source, null, 0, null);
        }

        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["Source"] = source.Name, ["Trigger"] = change.Trigger });
        try
        {
            var head = await Task.Run(() => _git.GetRemoteHead(source), cancellationToken).ConfigureAwait(false);
            var enqueued = await PlanAsync(registry, source, head, cancellationToken).ConfigureAwait(false);
            await ResolveUnreachableAsync(source, cancellationToken).ConfigureAwait(false);
            return new SourceCheck(source.Name, head, enqueued);
        }
        catch (SourceException e)
        {
            _logger.LogWarning("Source {Source} could not be read: {Error}", source.Name, e.Message);
            await RaiseUnreachableAsync(source, e.Message, cancellationToken).ConfigureAwait(false);
            return new SourceCheck(source.Name, null, 0, e.Message);
        }
    }

    private async Task<int> PlanAsync(RegistrySnapshot registry, SourceDefinition source, string head, CancellationToken cancellationToken)
    {
        var current = await _heads.GetAsync(source.Name, cancellationToken).ConfigureAwait(false);
        var enqueued = 0;
        if (current is { Pending: true } && _time.GetUtcNow() - current.WrittenAt < _options.PendingMoveGrace)
        {
            _logger.LogInformation("Source {Source}: another worker is queueing the jobs of {Revision}", source.Name, Short(current.Commit));
            return 0;
        }

        if (current is { Pending: true })
        {
            // A handler died between moving the head and queueing its jobs: queue them now.
            var jobs = await PlanMoveAsync(registry, source, current.Previous, current.Commit, current.Sequence, cancellationToken).ConfigureAwait(false);
            _logger.LogWarning("Source {Source}: the move to {Revision} was not finished; queueing its {JobCount} job(s) again", source.Name, Short(current.Commit), jobs.Count);
            enqueued += await SendAsync(jobs, cancellationToken).ConfigureAwait(false);
            var done = current with { Pending = false };
            var etag = await _heads.TryWriteAsync(source.Name, current, done, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (etag is null)
            {
                return enqueued;
            }

            current = done with { ETag = etag.Value };
        }

        var known = ChangePlanner.AppsOf(registry, source).SelectMany(a => a.Clusters.Select(c => Pair(a.Name, c))).ToHashSet(StringComparer.Ordinal);
        if (current?.Commit == head)
        {
            return enqueued + await PlanNewAppsAsync(source, current, known, cancellationToken).ConfigureAwait(false);
        }

        var sequence = (current?.Sequence ?? 0) + 1;
        var planned = await PlanMoveAsync(registry, source, current?.Commit, head, sequence, cancellationToken).ConfigureAwait(false);
        var moved = new SourceHead(head, sequence, current?.Commit, Pending: true, known, default);
        var written = await _heads.TryWriteAsync(source.Name, current, moved, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (written is null)
        {
            _logger.LogInformation("Source {Source}: another worker planned {Branch} first; it queues the jobs", source.Name, source.Branch);
            return enqueued;
        }

        _logger.LogInformation(
            "Commit detected: {Source} {Branch} moved {From} -> {Revision} (plan {Sequence}); {JobCount} reconcile job(s) for {AppCount} of {Total} app(s)",
            source.Name, source.Branch, current is null ? "(none)" : Short(current.Commit), Short(head), sequence, planned.Count,
            planned.Select(j => j.App).Distinct().Count(), ChangePlanner.AppsOf(registry, source).Count());
        enqueued += await SendAsync(planned, cancellationToken).ConfigureAwait(false);
        await _heads.TryWriteAsync(source.Name, moved with { ETag = written.Value }, moved with { Pending = false }, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return enqueued;
    }

    /// <summary>The jobs of a move from <paramref name="from"/> to <paramref name="to"/>: only apps whose inputs changed, unless the history is unknown.</summary>
    private async Task<IReadOnlyList<ReconcileJob>> PlanMoveAsync(RegistrySnapshot registry, SourceDefinition source, string? from, string to, long sequence, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? changed = null;
        if (from is not null)
        {
            changed = await _git.ChangedPathsAsync(source, from, to, cancellationToken).ConfigureAwait(false);
            if (changed is null)
            {
                _logger.LogInformation("Source {Source}: {Revision} does not descend from {From} (force push?): every app is planned", source.Name, Short(to), Short(from));
            }
        }

        var inputs = changed is null ? null : await _inputs.ListAsync(source.Name, cancellationToken).ConfigureAwait(false);
        return ChangePlanner.Plan(registry, source, to, sequence, changed, inputs);
    }

    /// <summary>
    /// The head did not move, but apps or clusters registered since it was planned get their first job
    /// at it. Queued before the row records them (a failure leaves them unplanned, to be queued again).
    /// </summary>
    private async Task<int> PlanNewAppsAsync(SourceDefinition source, SourceHead current, HashSet<string> known, CancellationToken cancellationToken)
    {
        var fresh = current.Planned is null ? [] : known.Where(p => !current.Planned.Contains(p)).Order(StringComparer.Ordinal).ToList();
        if (fresh.Count == 0)
        {
            _logger.LogDebug("Source {Source}: {Branch} still at {Revision}", source.Name, source.Branch, Short(current.Commit));
            return 0;
        }

        var jobs = fresh.Select(p => p.Split('/')).Select(p => ChangePlanner.JobFor(p[0], p[1], current.Commit, current.Sequence)).ToList();
        foreach (var job in jobs)
        {
            _logger.LogInformation("New app: {App} -> {Cluster} queued at {Revision} ({JobId})", job.App, job.Cluster, Short(current.Commit), job.JobId);
        }

        await SendAsync(jobs, cancellationToken).ConfigureAwait(false);
        await _heads.TryWriteAsync(source.Name, current, current with { Planned = current.Planned!.Concat(fresh).ToHashSet(StringComparer.Ordinal) }, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return jobs.Count;
    }

    private async Task<int> SendAsync(IReadOnlyList<ReconcileJob> jobs, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (job, ct) =>
        {
            await _queue.SendReconcileAsync(job, ct).ConfigureAwait(false);
            _logger.LogDebug("Job queued: {App} -> {Cluster} at {Revision} ({JobId})", job.App, job.Cluster, Short(job.Revision), job.JobId);
        }).ConfigureAwait(false);
        return jobs.Count;
    }

    private Task RaiseUnreachableAsync(SourceDefinition source, string error, CancellationToken cancellationToken)
        => _alerts.RaiseAsync(Alert.Of(AlertSubject(source.Name), string.Empty, AlertKind.SourceUnreachable, error, _time.GetUtcNow()), cancellationToken);

    private Task ResolveUnreachableAsync(SourceDefinition source, CancellationToken cancellationToken)
        => _alerts.ResolveAsync(AlertSubject(source.Name), string.Empty, [AlertKind.SourceUnreachable], $"source/{source.Name} is readable again", cancellationToken);

    private static string Pair(string app, string cluster) => $"{app}/{cluster}";

    internal static string Short(string revision) => revision[..Math.Min(12, revision.Length)];
}
