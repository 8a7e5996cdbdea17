namespace GitOps.Core.Sources;

/// <summary>Where git clones are cached.</summary>
public sealed class GitSourceOptions
{
    /// <summary>
    /// Folder for the per-source clones and the per-revision trees. Default: <c>gitops-sources</c>
    /// under the temporary folder (a Functions instance's local disk).
    /// </summary>
    public string CacheDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "gitops-sources");
}
