namespace GitOps.Core.Reconcile;

/// <summary>The stages of a reconcile; a failure names the one it happened in.</summary>
public enum ReconcileStage
{
    Fetch,
    Render,
    Validate,
    Apply,
    Prune,
    Record,
}
