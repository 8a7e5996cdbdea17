namespace GitOps.Core.Status;

/// <summary>The outcome of a reconcile job.</summary>
public enum SyncResult
{
    None,
    Succeeded,
    Failed,
    Skipped,
}
