using Azure;
using Azure.Data.Tables;
using GitOps.Core.Storage;

namespace GitOps.Core.Sources;

/// <summary>
/// What was planned for a source's branch: the head, its plan number, the head before it, and
/// whether the jobs of the move may not all be queued yet.
/// </summary>
/// <param name="Commit">The planned head.</param>
/// <param name="Sequence">Grows by one on every move; reconcile jobs carry it (see <c>ReconcileJob.Sequence</c>).</param>
/// <param name="Previous">The head before <paramref name="Commit"/> (what the move's diff starts from); null on the first plan.</param>
/// <param name="Pending">True from the move until all its jobs are queued: a handler that dies in between leaves it set, and the next one queues them.</param>
/// <param name="Planned">The <c>app/cluster</c> pairs known at this head (null for rows written before pairs were kept: take them all as planned).</param>
/// <param name="ETag">The row's ETag, for the compare-and-swap.</param>
public sealed record SourceHead(string Commit, long Sequence, string? Previous, bool Pending, IReadOnlySet<string>? Planned, ETag ETag)
{
    /// <summary>When the row was last written.</summary>
    public DateTimeOffset WrittenAt { get; init; }
}

/// <summary>
/// The planned branch head per source: rows of partition <c>head</c> in table <c>sources</c> (the
/// registry keeps its own partition). Every change is a compare-and-swap on the row's ETag, so of
/// two workers racing exactly one moves the head and queues its jobs.
/// </summary>
public sealed class SourceHeadStore
{
    public const string Partition = "head";

    private readonly TableClient _table;

    public SourceHeadStore(StorageAccount storage) => _table = storage.Table(StorageNames.SourcesTable);

    /// <summary>The planned head, or null when the source was never planned.</summary>
    public async Task<SourceHead?> GetAsync(string source, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, source, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value!.GetString("Commit") is not { } commit)
        {
            return null;
        }

        var e = row.Value;
        var text = e.GetBinary("PlannedGz") is { } zipped ? GzipText.Unzip(zipped) : e.GetString("Planned");
        var planned = text?.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new SourceHead(commit, e.GetInt64("Sequence") ?? 0, e.GetString("Previous"), e.GetBoolean("Pending") ?? false, planned, e.ETag)
        {
            WrittenAt = e.GetDateTimeOffset("SeenAt") ?? default,
        };
    }

    /// <summary>
    /// Writes <paramref name="next"/> over <paramref name="current"/> (null: there was no row). Returns
    /// the new ETag, or null when another worker changed the row first.
    /// </summary>
    public async Task<ETag?> TryWriteAsync(string source, SourceHead? current, SourceHead next, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, source)
        {
            ["Commit"] = next.Commit,
            ["Sequence"] = next.Sequence,
            ["Previous"] = next.Previous,
            ["Pending"] = next.Pending,
            ["SeenAt"] = at,
        };
        if (next.Planned is not null)
        {
            // Gzipped: 1,000 apps on 3 clusters would pass a string column's 32 K characters.
            entity["PlannedGz"] = GzipText.Zip(string.Join('\n', next.Planned.Order(StringComparer.Ordinal)));
        }

        try
        {
            var response = current is null
                ? await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await _table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }
}
