namespace GitOps.Core.Registry;

/// <summary>Whether a new commit is applied by itself (<see cref="Auto"/>) or only on request.</summary>
public enum SyncPolicy
{
    Auto,
    Manual,
}
