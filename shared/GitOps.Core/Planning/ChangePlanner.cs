using GitOps.Core.Messaging;
using GitOps.Core.Registry;

namespace GitOps.Core.Planning;

/// <summary>Decides which reconcile jobs a new commit of a source calls for: one per auto-synced app of the source × target cluster.</summary>
public static class ChangePlanner
{
    public static IReadOnlyList<ReconcileJob> Plan(RegistrySnapshot registry, SourceDefinition source, string revision)
        => registry.Apps
            .Where(a => a.Source == source.Name && a.SyncPolicy == SyncPolicy.Auto)
            .SelectMany(a => a.Clusters.Select(c => new ReconcileJob(a.Name, c, revision, ReconcileReasons.NewCommit)
            {
                JobId = JobIdOf(a.Name, c, revision, ReconcileReasons.NewCommit),
            }))
            .ToList();

    /// <summary>Deterministic, so a job planned twice for the same thing has one id.</summary>
    public static string JobIdOf(string app, string cluster, string revision, string reason)
        => $"{app}.{cluster}.{revision[..Math.Min(12, revision.Length)]}.{reason}";
}
