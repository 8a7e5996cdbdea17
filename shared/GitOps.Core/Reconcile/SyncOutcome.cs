using GitOps.Core.Apply;
using GitOps.Core.Inventory;

namespace GitOps.Core.Reconcile;

/// <summary>What the stages of one sync did, for the recorder.</summary>
/// <param name="Desired">The revision's objects, as applied.</param>
/// <param name="Changes">The change set: applied, unchanged, pruned, orphaned and failed objects.</param>
/// <param name="Inventory">The inventory as read before the sync.</param>
/// <param name="WaitingFor">CRDs not yet established, when the custom objects wait (the job is re-queued).</param>
/// <param name="PruneDeferred">Objects Git no longer has that were not pruned because some object failed to apply.</param>
public sealed record SyncOutcome(
    IReadOnlyList<DesiredObject> Desired, ChangeSet Changes, IReadOnlyList<InventoryEntry> Inventory, IReadOnlyList<string> WaitingFor, int PruneDeferred)
{
    /// <summary>The render's warnings (a patch whose target selects nothing), each naming its file and line.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The synced commit's author and title, for the history row.</summary>
    public (string Author, string Title)? Commit { get; init; }
}
