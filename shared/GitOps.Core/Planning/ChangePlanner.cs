using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using GitOps.Rendering;

namespace GitOps.Core.Planning;

/// <summary>
/// Decides which reconcile jobs a move of a source's head calls for: one per auto-synced app of the
/// source whose render inputs the move touched, × its target clusters. When what changed is not
/// known (first plan, force push) or an app's inputs are not (never rendered, path changed in the
/// registry, too many to store), the app is planned.
/// </summary>
public static class ChangePlanner
{
    /// <summary>Every auto-synced app × cluster of <paramref name="source"/>, at <paramref name="revision"/>.</summary>
    public static IReadOnlyList<ReconcileJob> Plan(RegistrySnapshot registry, SourceDefinition source, string revision, long sequence = 0)
        => Plan(registry, source, revision, sequence, changedPaths: null, inputs: null);

    /// <param name="registry">The registry.</param>
    /// <param name="source">The source whose head moved.</param>
    /// <param name="revision">The new head.</param>
    /// <param name="sequence">The head's plan number (part of the job id, so a branch reset to an older commit plans new jobs).</param>
    /// <param name="changedPaths">The paths the move changed; null when unknown (every app is planned).</param>
    /// <param name="inputs">Each app's recorded render inputs.</param>
    public static IReadOnlyList<ReconcileJob> Plan(
        RegistrySnapshot registry, SourceDefinition source, string revision, long sequence,
        IReadOnlyCollection<string>? changedPaths, IReadOnlyDictionary<string, RenderInputs>? inputs)
        => AppsOf(registry, source)
            .Where(a => changedPaths is null || Touched(a, changedPaths, inputs))
            .SelectMany(a => a.Clusters.Select(c => JobFor(a.Name, c, revision, sequence)))
            .ToList();

    /// <summary>The auto-synced apps of <paramref name="source"/>: what a move of its head may plan.</summary>
    public static IEnumerable<AppDefinition> AppsOf(RegistrySnapshot registry, SourceDefinition source)
        => registry.Apps.Where(a => a.Source == source.Name && a.SyncPolicy == SyncPolicy.Auto);

    /// <summary>Whether a change to <paramref name="changedPaths"/> may change what <paramref name="app"/> renders.</summary>
    public static bool Touched(AppDefinition app, IReadOnlyCollection<string> changedPaths, IReadOnlyDictionary<string, RenderInputs>? inputs)
        => changedPaths.Count > 0
            && (inputs is null || !inputs.TryGetValue(app.Name, out var recorded) || recorded.AppPath != app.Path
                || changedPaths.Any(p => RenderResult.Touches(recorded.Paths, p)));

    public static ReconcileJob JobFor(string app, string cluster, string revision, long sequence)
        => new(app, cluster, revision, ReconcileReasons.NewCommit)
        {
            JobId = JobIdOf(app, cluster, revision, ReconcileReasons.NewCommit) + (sequence > 0 ? $".{sequence}" : string.Empty),
            Sequence = sequence > 0 ? sequence : null,
        };

    /// <summary>Deterministic, so a job planned twice for the same thing has one id.</summary>
    public static string JobIdOf(string app, string cluster, string revision, string reason)
        => $"{app}.{cluster}.{revision[..Math.Min(12, revision.Length)]}.{reason}";
}
