namespace GitOps.Core.Sources;

/// <summary>Where git clones are cached.</summary>
public sealed class GitSourceOptions
{
    /// <summary>
    /// Folder for the per-source clones and the per-revision trees. Default: <c>gitops-sources</c>
    /// under the temporary folder (a Functions instance's local disk).
    /// </summary>
    public string CacheDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "gitops-sources");

    /// <summary>
    /// A move of a source's head left pending this long is taken to be abandoned (its handler died)
    /// and its jobs are queued again; a younger one is another worker's move in progress. Default 30 s,
    /// the queue's visibility timeout, after which a dead handler's message comes back anyway.
    /// </summary>
    public TimeSpan PendingMoveGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-revision trees kept per source beyond those used in the last <see cref="TreeGracePeriod"/>: the newest used. Default 5.</summary>
    public int KeepTrees { get; set; } = 5;

    /// <summary>A tree used this recently is never removed (a job may be rendering it). Default 10 minutes.</summary>
    public TimeSpan TreeGracePeriod { get; set; } = TimeSpan.FromMinutes(10);
}
