using Azure;
using Azure.Data.Tables;
using GitOps.Core.Storage;

namespace GitOps.Core.Sources;

/// <summary>
/// The last branch head seen per source: rows of partition <c>head</c> in table <c>sources</c>
/// (the registry keeps its own partition). Moving a head is a compare-and-swap on the row's ETag,
/// so of two pollers racing exactly one wins and enqueues.
/// </summary>
public sealed class SourceHeadStore
{
    public const string Partition = "head";

    private readonly TableClient _table;

    public SourceHeadStore(StorageAccount storage) => _table = storage.Table(StorageNames.SourcesTable);

    public async Task<(string? Commit, ETag ETag)> GetAsync(string source, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, source, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? (row.Value!.GetString("Commit"), row.Value.ETag) : (null, default);
    }

    /// <summary>
    /// Moves the head from what was read (<paramref name="etag"/>; default when there was no row) to
    /// <paramref name="commit"/>. Returns false when another poller moved it first.
    /// </summary>
    public async Task<bool> TryMoveAsync(string source, ETag etag, string commit, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, source) { ["Commit"] = commit, ["SeenAt"] = seenAt };
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
