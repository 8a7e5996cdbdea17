namespace GitOps.Core.Apply;

/// <summary>What happened to one object.</summary>
public enum ChangeAction
{
    Created,
    Configured,
    Unchanged,
    Deleted,
    Skipped,
}
