using Azure;
using Azure.Data.Tables;
using GitOps.Core.Apply;
using GitOps.Core.Kubernetes;
using GitOps.Core.Storage;

namespace GitOps.Core.Inventory;

/// <summary>
/// Table <c>inventory</c>: PartitionKey <c>{app}_{cluster}</c>, RowKey the object's group-qualified key.
/// It moves forward only for what a change set confirms (applied, or deleted).
/// </summary>
public sealed class InventoryStore
{
    private readonly TableClient _table;

    public InventoryStore(StorageAccount storage) => _table = storage.Table(StorageNames.InventoryTable);

    public async Task<IReadOnlyList<InventoryEntry>> ListAsync(string app, string cluster, CancellationToken cancellationToken)
    {
        var partition = Partition(app, cluster);
        var result = new List<InventoryEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(r => r.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(new InventoryEntry(
                new ObjectRef(e.GetString("Group") ?? string.Empty, e.GetString("Kind"), e.GetString("Namespace"), e.GetString("Name")),
                e.GetString("ApiVersion"), e.GetString("ResourceVersion"), e.GetString("DesiredHash"), e.GetString("Revision")));
        }

        return result;
    }

    /// <summary>
    /// Records the confirmed entries of <paramref name="changes"/>: applied objects upserted, pruned and
    /// orphaned ones removed. A failed object keeps its row as it was (a failed delete is retried next
    /// sync); an unchanged object whose row already says so is not written again.
    /// </summary>
    /// <param name="known">The inventory as read before the sync, to skip rewriting rows that hold the same values.</param>
    public async Task RecordAsync(string app, string cluster, string revision, ChangeSet changes, IReadOnlyList<InventoryEntry>? known, CancellationToken cancellationToken)
    {
        var partition = Partition(app, cluster);
        var recorded = new HashSet<ChangeSetEntry>(
            (known ?? []).Select(e => new ChangeSetEntry(e.Object, ChangeAction.Unchanged, e.ApiVersion, e.ResourceVersion, e.DesiredHash)),
            EntryIdentity.Instance);
        var actions = new List<TableTransactionAction>();
        foreach (var entry in changes.Entries)
        {
            var rowKey = OptimisticUpdate.Key(entry.Object.Key);
            if (entry.Action is ChangeAction.Pruned or ChangeAction.Orphaned)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, rowKey) { ETag = ETag.All }));
            }
            else if (entry.Action is ChangeAction.Created or ChangeAction.Configured
                || (entry.Action == ChangeAction.Unchanged && entry.ResourceVersion is not null && !recorded.Contains(entry)))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, rowKey)
                {
                    ["Group"] = entry.Object.Group,
                    ["Kind"] = entry.Object.Kind,
                    ["Namespace"] = entry.Object.Namespace,
                    ["Name"] = entry.Object.Name,
                    ["ApiVersion"] = entry.ApiVersion,
                    ["ResourceVersion"] = entry.ResourceVersion,
                    ["DesiredHash"] = entry.DesiredHash,
                    ["Revision"] = revision,
                }));
            }
        }

        // A table transaction holds at most 100 operations on one partition.
        foreach (var chunk in actions.Chunk(100))
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // A delete of a row already gone: retry the chunk without deletes of missing rows.
                foreach (var action in chunk)
                {
                    if (action.ActionType == TableTransactionActionType.Delete)
                    {
                        await _table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await _table.UpsertEntityAsync((TableEntity)action.Entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private static string Partition(string app, string cluster) => $"{app}_{cluster}";

    /// <summary>Entries equal in object, apiVersion, resourceVersion and hash (what a row holds).</summary>
    private sealed class EntryIdentity : IEqualityComparer<ChangeSetEntry>
    {
        public static readonly EntryIdentity Instance = new();

        public bool Equals(ChangeSetEntry? x, ChangeSetEntry? y)
            => x is not null && y is not null && x.Object == y.Object && x.ApiVersion == y.ApiVersion && x.ResourceVersion == y.ResourceVersion && x.DesiredHash == y.DesiredHash;

        public int GetHashCode(ChangeSetEntry obj) => HashCode.Combine(obj.Object, obj.ResourceVersion, obj.DesiredHash);
    }
}
