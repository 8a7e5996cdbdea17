using GitOps.Core.Messaging;
using GitOps.Core.Planning;
using GitOps.Core.Registry;
using GitOps.Core.Sources;
using GitOps.Core.Status;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Operations;

/// <summary>
/// Day-2 operations on an app (all its clusters, or one): sync now, roll back by pinning, unpin,
/// suspend, resume. Each changes the status rows and queues what must run; the reconcile worker
/// does the work under the app × cluster lease, so an operation and a sync arriving together end in
/// one consistent state. A rollback never touches the app's sync policy.
/// </summary>
public sealed class AppOperations
{
    private readonly RegistryStore _registry;
    private readonly AppStatusStore _status;
    private readonly SyncHistoryStore _history;
    private readonly SourceHeadStore _heads;
    private readonly GitSourceCache _git;
    private readonly JobQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<AppOperations> _logger;

    public AppOperations(
        RegistryStore registry, AppStatusStore status, SyncHistoryStore history, SourceHeadStore heads, GitSourceCache git, JobQueue queue, TimeProvider time, ILogger<AppOperations> logger)
    {
        _registry = registry;
        _status = status;
        _history = history;
        _heads = heads;
        _git = git;
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    /// <summary>Syncs now: the pinned revision where pinned, else the branch head. Refused while suspended.</summary>
    public async Task<OperationResult> SyncAsync(OperationRequest request, CancellationToken cancellationToken)
    {
        var (app, source, clusters) = await TargetsAsync(request, cancellationToken).ConfigureAwait(false);
        var head = await HeadAsync(source, cancellationToken).ConfigureAwait(false);
        var jobs = new List<ReconcileJob>();
        foreach (var cluster in clusters)
        {
            var status = await _status.GetAsync(app.Name, cluster, cancellationToken).ConfigureAwait(false);
            if (status is { Suspended: true })
            {
                throw new OperationException(409, $"app/{app.Name} on cluster/{cluster} is suspended ({status.SuspendedBy}): resume it to sync");
            }

            jobs.Add(Job(app.Name, cluster, status?.PinnedRevision ?? head, ReconcileReasons.Manual, request));
        }

        return await QueueAsync(app.Name, jobs, "sync queued", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pins each cluster to <see cref="OperationRequest.Revision"/> (one applied there before, or with
    /// <see cref="OperationRequest.Any"/> any commit of the tracked branch) and syncs it at once.
    /// </summary>
    public async Task<OperationResult> RollbackAsync(OperationRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Revision))
        {
            throw new OperationException(400, "revision: required: the commit to roll back to (full or abbreviated id)");
        }

        var (app, source, clusters) = await TargetsAsync(request, cancellationToken).ConfigureAwait(false);
        var jobs = new List<ReconcileJob>();
        foreach (var cluster in clusters)
        {
            var revision = request.Any
                ? await _git.ResolveOnBranchAsync(source, request.Revision, cancellationToken).ConfigureAwait(false)
                    ?? throw new OperationException(400, $"revision: {request.Revision} is not a commit of branch '{source.Branch}' of source/{source.Name}")
                : await AppliedBeforeAsync(app.Name, cluster, request.Revision, cancellationToken).ConfigureAwait(false)
                    ?? throw new OperationException(400, $"revision: {request.Revision} was never applied to cluster/{cluster} (see gitops history {app.Name}); add --any for any commit of the branch");
            var by = Who(request);
            await _status.UpdateAsync(app.Name, cluster, s => s with { PinnedRevision = revision, PinnedBy = by }, cancellationToken).ConfigureAwait(false);
            jobs.Add(Job(app.Name, cluster, revision, ReconcileReasons.Rollback, request));
        }

        return await QueueAsync(app.Name, jobs, $"pinned to {Short(jobs[0].Revision)} and queued its sync", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lifts the pin: the app tracks its branch again, and the head is synced.</summary>
    public async Task<OperationResult> UnpinAsync(OperationRequest request, CancellationToken cancellationToken)
    {
        var (app, source, clusters) = await TargetsAsync(request, cancellationToken).ConfigureAwait(false);
        var head = await HeadAsync(source, cancellationToken).ConfigureAwait(false);
        var jobs = new List<ReconcileJob>();
        foreach (var cluster in clusters)
        {
            var status = await _status.UpdateAsync(app.Name, cluster, s => s with { PinnedRevision = null, PinnedBy = null, PendingRevision = s.Suspended ? s.PendingRevision : null }, cancellationToken).ConfigureAwait(false);
            if (!status.Suspended)
            {
                jobs.Add(Job(app.Name, cluster, head, ReconcileReasons.Unpin, request));
            }
        }

        return await QueueAsync(app.Name, jobs, $"unpinned; tracking {source.Branch} ({Short(head)}) again", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Suspends: nothing is synced or corrected until resume; drift is still scanned and reported.</summary>
    public async Task<OperationResult> SuspendAsync(OperationRequest request, CancellationToken cancellationToken)
    {
        var (app, _, clusters) = await TargetsAsync(request, cancellationToken).ConfigureAwait(false);
        var by = Who(request);
        foreach (var cluster in clusters)
        {
            await _status.UpdateAsync(app.Name, cluster, s => s with { Suspended = true, SuspendedBy = by }, cancellationToken).ConfigureAwait(false);
        }

        _logger.LogInformation("Suspended {App} on {Clusters}: {By}", app.Name, string.Join(", ", clusters), by);
        return new OperationResult(app.Name, clusters, "suspended: no sync or correction until resume; drift is still scanned", []);
    }

    /// <summary>Resumes and syncs the newest pending revision (the pin where pinned, else the branch head).</summary>
    public async Task<OperationResult> ResumeAsync(OperationRequest request, CancellationToken cancellationToken)
    {
        var (app, source, clusters) = await TargetsAsync(request, cancellationToken).ConfigureAwait(false);
        var head = await HeadAsync(source, cancellationToken).ConfigureAwait(false);
        var jobs = new List<ReconcileJob>();
        foreach (var cluster in clusters)
        {
            var status = await _status.UpdateAsync(app.Name, cluster, s => s with { Suspended = false, SuspendedBy = null, PendingRevision = s.PinnedRevision is null ? null : s.PendingRevision }, cancellationToken).ConfigureAwait(false);
            jobs.Add(Job(app.Name, cluster, status.PinnedRevision ?? head, ReconcileReasons.Resume, request));
        }

        return await QueueAsync(app.Name, jobs, "resumed", cancellationToken).ConfigureAwait(false);
    }

    private async Task<OperationResult> QueueAsync(string app, List<ReconcileJob> jobs, string message, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            await _queue.SendReconcileAsync(job, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("{Reason} of {App} on {Cluster} at {Revision} queued ({JobId}) by {By}", job.Reason, job.App, job.Cluster, Short(job.Revision), job.JobId, job.RequestedBy);
        }

        return new OperationResult(app, jobs.Select(j => j.Cluster).ToList(), message, jobs);
    }

    private ReconcileJob Job(string app, string cluster, string revision, string reason, OperationRequest request)
        => new(app, cluster, revision, reason)
        {
            JobId = $"{ChangePlanner.JobIdOf(app, cluster, revision, reason)}.{_time.GetUtcNow().ToUnixTimeMilliseconds()}",
            RequestedBy = Who(request),
        };

    private string Who(OperationRequest request)
        => $"{request.Actor} at {_time.GetUtcNow():u}{(string.IsNullOrWhiteSpace(request.Reason) ? string.Empty : ": " + request.Reason.Trim())}";

    /// <summary>The app, its source, and the clusters the request names (all of the app's when none).</summary>
    private async Task<(AppDefinition App, SourceDefinition Source, IReadOnlyList<string> Clusters)> TargetsAsync(OperationRequest request, CancellationToken cancellationToken)
    {
        var registry = await _registry.LoadForAsync(request.App, request.Cluster, cancellationToken).ConfigureAwait(false);
        var app = registry.FindApp(request.App) ?? throw new OperationException(404, $"app/{request.App} is not registered");
        var source = registry.FindSource(app.Source) ?? throw new OperationException(404, $"source/{app.Source} of app/{app.Name} is not registered");
        if (request.Cluster is { } cluster && !app.Clusters.Contains(cluster))
        {
            throw new OperationException(404, $"app/{app.Name} is not applied to cluster/{cluster} (its clusters: {string.Join(", ", app.Clusters)})");
        }

        return (app, source, request.Cluster is { } one ? [one] : app.Clusters);
    }

    private async Task<string> HeadAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(() => _git.GetRemoteHead(source), cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException e)
        {
            // The planned head is what the last look saw: good enough when git cannot be reached now.
            return (await _heads.GetAsync(source.Name, cancellationToken).ConfigureAwait(false))?.Commit
                ?? throw new OperationException(409, e.Message);
        }
    }

    /// <summary>The full id of a revision that a sync applied on the cluster (matched by full or abbreviated id).</summary>
    private async Task<string?> AppliedBeforeAsync(string app, string cluster, string revision, CancellationToken cancellationToken)
    {
        var rows = await _history.ListAsync(app, cluster, 1000, cancellationToken).ConfigureAwait(false);
        return rows.Where(r => r.Result == SyncResult.Succeeded && r.Revision.StartsWith(revision, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Revision).Distinct().SingleOrDefault();
    }

    private static string Short(string revision) => revision[..Math.Min(12, revision.Length)];
}

/// <summary>What an operation is asked to do.</summary>
/// <param name="App">The app.</param>
/// <param name="Cluster">One cluster, or null for all the app's clusters.</param>
/// <param name="Actor">Who asks: the user, or the function key's name.</param>
public sealed record OperationRequest(string App, string? Cluster, string Actor)
{
    /// <summary>For rollback: the commit, full or abbreviated.</summary>
    public string? Revision { get; init; }

    /// <summary>For rollback: any commit of the tracked branch, not only one applied before.</summary>
    public bool Any { get; init; }

    /// <summary>Why, for the audit history.</summary>
    public string? Reason { get; init; }
}

/// <summary>What an operation did: the clusters it concerned and the jobs it queued.</summary>
public sealed record OperationResult(string App, IReadOnlyList<string> Clusters, string Message, IReadOnlyList<ReconcileJob> Jobs);

/// <summary>An operation refused: 404 (unknown app or cluster), 400 (a bad argument, naming it), 409 (not now: suspended, git unreachable).</summary>
public sealed class OperationException : Exception
{
    public OperationException(int status, string message)
        : base(message) => Status = status;

    public int Status { get; }
}
