using Azure;
using Azure.Data.Tables;

namespace GitOps.Core.Storage;

/// <summary>
/// Read-modify-write of one table row with ETag concurrency: a writer that lost the race re-reads
/// and applies its change again, so two instances never overwrite each other.
/// </summary>
internal static class OptimisticUpdate
{
    public const int MaxAttempts = 10;

    /// <param name="change">Returns the new row, or null to write nothing. Called again after a lost race.</param>
    public static async Task<TableEntity?> UpdateAsync(TableClient table, string partitionKey, string rowKey, Func<TableEntity?, TableEntity?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var existing = current.HasValue ? current.Value : null;
            var updated = change(existing);
            if (updated is null)
            {
                return existing;
            }

            updated.PartitionKey = partitionKey;
            updated.RowKey = rowKey;
            try
            {
                if (existing is null)
                {
                    await table.AddEntityAsync(updated, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.UpdateEntityAsync(updated, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return updated;
            }
            catch (RequestFailedException e) when ((e.Status is 409 or 412) && attempt < MaxAttempts)
            {
                // Another writer won: read its row and apply the change again.
            }
        }
    }

    /// <summary>Keys must not contain '/', '\', '#', '?' or control characters.</summary>
    public static string Key(string value)
        => value.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal)
            .Replace("\\", "%5C", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal).Replace("?", "%3F", StringComparison.Ordinal);
}
