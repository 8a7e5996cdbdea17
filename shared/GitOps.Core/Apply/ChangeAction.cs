namespace GitOps.Core.Apply;

/// <summary>What a sync did to one object.</summary>
public enum ChangeAction
{
    /// <summary>Applied, and the server created it.</summary>
    Created,

    /// <summary>Applied, and the server changed it.</summary>
    Configured,

    /// <summary>Not changed: either not sent (its hash and live resourceVersion match the inventory) or applied as a no-op.</summary>
    Unchanged,

    /// <summary>Deleted because Git no longer contains it (or already gone, which counts the same).</summary>
    Pruned,

    /// <summary>Git no longer contains it, but it was left on the cluster (prune off, annotated, or a guard); it leaves the inventory.</summary>
    Orphaned,

    /// <summary>The apply or the delete failed for this object (a field owned by another manager, a refusal); the rest went on.</summary>
    Failed,
}
