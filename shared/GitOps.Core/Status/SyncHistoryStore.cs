using Azure;
using Azure.Data.Tables;
using GitOps.Core.Storage;

namespace GitOps.Core.Status;

/// <summary>
/// Table <c>synchistory</c>: PartitionKey <c>{app}_{cluster}</c>, RowKey newest first
/// (inverted start ticks, then the job id), so a page of recent history is one range query.
/// </summary>
public sealed class SyncHistoryStore
{
    private readonly TableClient _table;

    public SyncHistoryStore(StorageAccount storage) => _table = storage.Table(StorageNames.SyncHistoryTable);

    public static string PartitionOf(string app, string cluster) => $"{app}_{cluster}";

    /// <summary>Adds a record. Adding the same job's record twice keeps the first (idempotent).</summary>
    public async Task AddAsync(SyncRecord record, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(PartitionOf(record.App, record.Cluster), RowKeyOf(record))
        {
            ["App"] = record.App,
            ["Cluster"] = record.Cluster,
            ["JobId"] = record.JobId,
            ["Revision"] = record.Revision,
            ["Reason"] = record.Reason,
            ["Result"] = record.Result.ToString(),
            ["FailedStage"] = record.FailedStage,
            ["Message"] = AppStatusStore.Truncate(record.Message),
            ["StartedAt"] = record.StartedAt,
            ["FinishedAt"] = record.FinishedAt,
            ["Created"] = record.Created,
            ["Configured"] = record.Configured,
            ["Unchanged"] = record.Unchanged,
            ["Pruned"] = record.Pruned,
            ["Orphaned"] = record.Orphaned,
            ["Failed"] = record.Failed,
            ["Details"] = DetailsColumn(record.Details),
            ["SnapshotBlob"] = record.SnapshotBlob,
            ["RequestedBy"] = AppStatusStore.Truncate(record.RequestedBy),
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already recorded by an earlier delivery of the same job.
        }
    }

    /// <summary>The newest records first.</summary>
    public async Task<IReadOnlyList<SyncRecord>> ListAsync(string app, string cluster, int max, CancellationToken cancellationToken)
    {
        var result = new List<SyncRecord>();
        var partition = PartitionOf(app, cluster);
        await foreach (var e in _table.QueryAsync<TableEntity>(r => r.PartitionKey == partition, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(new SyncRecord(
                e.GetString("App"), e.GetString("Cluster"), e.GetString("JobId"), e.GetString("Revision"), e.GetString("Reason"),
                Enum.Parse<SyncResult>(e.GetString("Result")), e.GetString("FailedStage"), e.GetString("Message") ?? string.Empty,
                e.GetDateTimeOffset("StartedAt") ?? default, e.GetDateTimeOffset("FinishedAt") ?? default)
            {
                Created = e.GetInt32("Created") ?? 0,
                Configured = e.GetInt32("Configured") ?? 0,
                Unchanged = e.GetInt32("Unchanged") ?? 0,
                Pruned = e.GetInt32("Pruned") ?? 0,
                Orphaned = e.GetInt32("Orphaned") ?? 0,
                Failed = e.GetInt32("Failed") ?? 0,
                Details = e.GetString("Details") is { Length: > 0 } details ? details.Split('\n') : [],
                SnapshotBlob = e.GetString("SnapshotBlob"),
                RequestedBy = e.GetString("RequestedBy"),
            });
            if (result.Count >= max)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>The detail lines, as many as a table column holds, then how many were left out.</summary>
    private static string DetailsColumn(IReadOnlyList<string> lines)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Replace('\n', ' ');
            var more = $"... and {lines.Count - i} more";
            if (text.Length + line.Length + 1 + more.Length + 1 > AppStatusStore.MaxColumnChars)
            {
                return text.Append(more).ToString();
            }

            text.Append(line).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string RowKeyOf(SyncRecord record)
        => $"{DateTimeOffset.MaxValue.UtcTicks - record.StartedAt.UtcTicks:D19}_{OptimisticUpdate.Key(record.JobId)}";
}
