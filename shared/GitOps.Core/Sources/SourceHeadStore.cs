using Azure;
using Azure.Data.Tables;
using GitOps.Core.Storage;

namespace GitOps.Core.Sources;

/// <summary>
/// The last branch head seen per source: rows of partition <c>head</c> in table <c>sources</c>
/// (the registry keeps its own partition). Moving a head is a compare-and-swap on the row's ETag,
/// so of two pollers racing exactly one wins and enqueues. The row also lists the app × cluster
/// pairs planned at that head, so an app registered later is planned once, by one poller.
/// </summary>
public sealed class SourceHeadStore
{
    public const string Partition = "head";

    private readonly TableClient _table;

    public SourceHeadStore(StorageAccount storage) => _table = storage.Table(StorageNames.SourcesTable);

    public async Task<(string? Commit, ETag ETag)> GetAsync(string source, CancellationToken cancellationToken)
    {
        var (commit, etag, _) = await GetPlannedAsync(source, cancellationToken).ConfigureAwait(false);
        return (commit, etag);
    }

    /// <summary>The head, its ETag, and the <c>app/cluster</c> pairs planned at it (null for rows written before pairs were kept: take them all as planned).</summary>
    public async Task<(string? Commit, ETag ETag, IReadOnlySet<string>? Planned)> GetPlannedAsync(string source, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, source, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue)
        {
            return (null, default, null);
        }

        var planned = row.Value!.GetString("Planned") is { } text ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null;
        return (row.Value.GetString("Commit"), row.Value.ETag, planned);
    }

    /// <summary>
    /// Moves the head from what was read (<paramref name="etag"/>; default when there was no row) to
    /// <paramref name="commit"/>. Returns false when another poller moved it first.
    /// </summary>
    /// <param name="planned">The <c>app/cluster</c> pairs planned at <paramref name="commit"/>.</param>
    public async Task<bool> TryMoveAsync(string source, ETag etag, string commit, DateTimeOffset seenAt, CancellationToken cancellationToken, IEnumerable<string>? planned = null)
    {
        var entity = new TableEntity(Partition, source) { ["Commit"] = commit, ["SeenAt"] = seenAt };
        if (planned is not null)
        {
            entity["Planned"] = string.Join('\n', planned.Order(StringComparer.Ordinal));
        }
        try
        {
            if (etag == default)
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Undoes a move to <paramref name="moved"/> (if the row still says so): back to <paramref name="previous"/>, or no row.</summary>
    public async Task RestoreAsync(string source, string moved, string? previous, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (current, etag) = await GetAsync(source, cancellationToken).ConfigureAwait(false);
        if (current != moved)
        {
            return;
        }

        try
        {
            if (previous is null)
            {
                await _table.DeleteEntityAsync(Partition, source, etag, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await TryMoveAsync(source, etag, previous, at, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }
}
