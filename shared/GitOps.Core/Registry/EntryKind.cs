namespace GitOps.Core.Registry;

/// <summary>The kinds of registry entry. <see cref="RegistryEntryKinds.Label"/> gives the lowercase word used in output and storage.</summary>
public enum EntryKind
{
    Source,
    Cluster,
    App,
    Notification,
}
