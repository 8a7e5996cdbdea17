using GitOps.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Core.Status;

/// <summary>Section <c>GitOps:History</c>.</summary>
public sealed record HistoryOptions
{
    /// <summary>History rows kept per app × cluster, newest first. Default 100.</summary>
    public int Limit { get; init; } = 100;
}

/// <summary>
/// The retention timer: keeps the newest <see cref="HistoryOptions.Limit"/> history rows of every
/// app × cluster, and deletes the snapshot blobs (<c>rendered/{app}/{cluster}/…</c>) that neither a
/// kept row nor the status row (what is applied now, what drift and health read) names any more.
/// </summary>
public sealed class HistoryRetention
{
    private readonly AppStatusStore _status;
    private readonly SyncHistoryStore _history;
    private readonly StorageAccount _storage;
    private readonly HistoryOptions _options;
    private readonly ILogger<HistoryRetention> _logger;

    public HistoryRetention(AppStatusStore status, SyncHistoryStore history, StorageAccount storage, IOptions<HistoryOptions> options, ILogger<HistoryRetention> logger)
    {
        _status = status;
        _history = history;
        _storage = storage;
        _options = options.Value;
        _logger = logger;
    }

    /// <returns>History rows and snapshot blobs deleted.</returns>
    public async Task<(int Rows, int Blobs)> RunAsync(CancellationToken cancellationToken)
    {
        var (rows, blobs) = (0, 0);
        var container = _storage.Container(StorageNames.RenderedContainer);
        foreach (var status in await _status.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var (deleted, kept) = await _history.TrimAsync(status.App, status.Cluster, _options.Limit, cancellationToken).ConfigureAwait(false);
            rows += deleted;
            var referenced = new HashSet<string>(kept, StringComparer.Ordinal);
            if (status.SnapshotBlob is { } current)
            {
                referenced.Add(current);
            }

            await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{status.App}/{status.Cluster}/", cancellationToken).ConfigureAwait(false))
            {
                if (!referenced.Contains(blob.Name))
                {
                    await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                    blobs++;
                }
            }
        }

        _logger.LogInformation("History retention: {Rows} row(s) beyond the newest {Limit} and {Blobs} unreferenced snapshot(s) deleted", rows, _options.Limit, blobs);
        return (rows, blobs);
    }
}
