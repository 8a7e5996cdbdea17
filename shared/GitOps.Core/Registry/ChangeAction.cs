namespace GitOps.Core.Registry;

/// <summary>What <see cref="RegistryStore.ApplyAsync"/> did to one registry entry.</summary>
public enum ChangeAction
{
    Created,
    Updated,
    Unchanged,

    /// <summary>Removed because the desired registry no longer names it (only with prune).</summary>
    Deleted,
}
