using Azure;
using Azure.Data.Tables;

namespace GitOps.Core.Registry;

/// <summary>Planning the changes of one partition, and writing them in transactions.</summary>
public sealed partial class RegistryStore
{
    /// <summary>Table transactions hold at most 100 entities, all of one partition.</summary>
    private const int MaxTransactionActions = 100;

    private static PartitionPlan Plan(EntryKind kind, List<TableEntity> desired, SortedDictionary<string, TableEntity> existing, bool prune)
    {
        var changes = new List<RegistryChange>();
        var upserts = new List<TableTransactionAction>();
        var deletes = new List<TableTransactionAction>();
        foreach (var row in desired.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            if (!existing.TryGetValue(row.RowKey, out var stored))
            {
                upserts.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
                changes.Add(new RegistryChange(kind, row.RowKey, ChangeAction.Created));
            }
            else if (RegistryEntities.SameColumns(row, stored))
            {
                changes.Add(new RegistryChange(kind, row.RowKey, ChangeAction.Unchanged));
            }
            else
            {
                upserts.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, stored.ETag));
                changes.Add(new RegistryChange(kind, row.RowKey, ChangeAction.Updated));
            }
        }

        if (prune)
        {
            var wanted = desired.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
            foreach (var stored in existing.Values.Where(r => !wanted.Contains(r.RowKey)))
            {
                deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, stored, stored.ETag));
                changes.Add(new RegistryChange(kind, stored.RowKey, ChangeAction.Deleted));
            }
        }

        return new PartitionPlan(changes.OrderBy(c => c.Name, StringComparer.Ordinal).ToList(), upserts, deletes);
    }

    private async Task WriteAsync(
        EntryKind kind, Dictionary<EntryKind, PartitionRows> existing, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return;
        }

        var table = Table(kind);
        if (!existing[kind].TableExists)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var chunk in actions.Chunk(MaxTransactionActions))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                var entry = EntryOf(kind, chunk, e.FailedTransactionActionIndex);
                throw new RegistryConflictException(
                    $"{entry}: the registry was changed by another writer while this apply ran " +
                    $"({e.ErrorCode}); none of this batch of {chunk.Length} {kind.Label()} entries was written. Apply again.",
                    e);
            }
            catch (RequestFailedException e)
            {
                var index = (e as TableTransactionFailedException)?.FailedTransactionActionIndex;
                throw new InvalidOperationException(
                    $"{EntryOf(kind, chunk, index)}: writing the registry to table '{table.Name}' failed ({e.Status} {e.ErrorCode}); " +
                    $"none of this batch of {chunk.Length} {kind.Label()} entries was written.",
                    e);
            }
        }
    }

    /// <summary>The entry a failed transaction names, or the kind when the service names none.</summary>
    private static string EntryOf(EntryKind kind, TableTransactionAction[] chunk, int? failedIndex) =>
        failedIndex is { } i && i >= 0 && i < chunk.Length
            ? kind.Describe(chunk[i].Entity.RowKey)
            : $"{kind.Label()}/*";

    /// <param name="Changes">Every entry of the partition, by name.</param>
    /// <param name="Upserts">Adds and replaces.</param>
    /// <param name="Deletes">Deletes (prune only).</param>
    private sealed record PartitionPlan(List<RegistryChange> Changes, List<TableTransactionAction> Upserts, List<TableTransactionAction> Deletes);
}
