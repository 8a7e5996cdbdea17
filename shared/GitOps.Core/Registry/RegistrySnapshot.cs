namespace GitOps.Core.Registry;

/// <summary>The whole registry, read at once.</summary>
public sealed record RegistrySnapshot(
    IReadOnlyList<SourceDefinition> Sources,
    IReadOnlyList<ClusterDefinition> Clusters,
    IReadOnlyList<AppDefinition> Apps)
{
    public SourceDefinition? FindSource(string name) => Sources.FirstOrDefault(s => s.Name == name);

    public ClusterDefinition? FindCluster(string name) => Clusters.FirstOrDefault(c => c.Name == name);

    public AppDefinition? FindApp(string name) => Apps.FirstOrDefault(a => a.Name == name);

    /// <summary>The <c>notifications:</c> channels alerts are posted to.</summary>
    public IReadOnlyList<NotificationChannel> Notifications { get; init; } = [];
}
