using GitOps.Core.Inventory;

namespace GitOps.Core.Apply;

/// <summary>
/// Which objects a sync must send, which it can leave alone, and which Git no longer has. An object is
/// left alone (not sent at all) when its desired hash equals the inventory's and its live
/// resourceVersion is the one recorded after our last apply: nobody has touched it since.
/// </summary>
/// <param name="ToSend">New or changed objects, in apply order.</param>
/// <param name="Unchanged">Objects not sent, as change set entries.</param>
/// <param name="Removed">Inventory entries the revision no longer contains: the prune candidates.</param>
public sealed record ApplyPlan(IReadOnlyList<DesiredObject> ToSend, IReadOnlyList<ChangeSetEntry> Unchanged, IReadOnlyList<InventoryEntry> Removed)
{
    /// <param name="desired">The revision's objects, in apply order.</param>
    /// <param name="inventory">What the app × cluster inventory holds.</param>
    /// <param name="owned">Live objects carrying the app's label, by <c>ObjectRef.Key</c>.</param>
    public static ApplyPlan Create(IReadOnlyList<DesiredObject> desired, IReadOnlyList<InventoryEntry> inventory, IReadOnlyDictionary<string, LiveObject> owned)
    {
        var recorded = inventory.ToDictionary(e => e.Object.Key, StringComparer.Ordinal);
        var toSend = new List<DesiredObject>();
        var unchanged = new List<ChangeSetEntry>();
        foreach (var obj in desired)
        {
            var key = obj.Ref.Key;
            if (recorded.TryGetValue(key, out var entry) && entry.DesiredHash == obj.Hash && entry.ResourceVersion is { } version
                && owned.TryGetValue(key, out var live) && live.ResourceVersion == version)
            {
                unchanged.Add(new ChangeSetEntry(obj.Ref, ChangeAction.Unchanged, obj.Resource.ApiVersion, version, obj.Hash) { SourceFile = obj.SourceFile });
            }
            else
            {
                toSend.Add(obj);
            }
        }

        var wanted = desired.Select(d => d.Ref.Key).ToHashSet(StringComparer.Ordinal);
        var removed = inventory.Where(e => !wanted.Contains(e.Object.Key)).ToList();
        return new ApplyPlan(toSend, unchanged, removed);
    }
}
