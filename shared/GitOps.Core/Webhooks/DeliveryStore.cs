using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using GitOps.Core.Storage;

namespace GitOps.Core.Webhooks;

/// <summary>
/// Table <c>deliveries</c>: one row per webhook delivery and source (PartitionKey = source, RowKey =
/// the delivery id, hashed when it has characters a row key cannot hold), so a delivery GitLab
/// retries or replays is queued once.
/// </summary>
public sealed class DeliveryStore
{
    /// <summary>A delivery recorded but not marked queued for this long is taken to have died half-way, and is queued by its retry.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(30);

    private readonly TableClient _table;
    private readonly TimeProvider _time;

    public DeliveryStore(StorageAccount storage, TimeProvider time)
    {
        _table = storage.Table(StorageNames.DeliveriesTable);
        _time = time;
    }

    /// <summary>
    /// Claims the delivery for queueing. False when it was queued already, or another request is
    /// queueing it right now; true for a new delivery, or one whose earlier attempt died before queueing.
    /// </summary>
    public async Task<bool> TryClaimAsync(string source, string deliveryId, string eventName, CancellationToken cancellationToken)
    {
        var key = RowKey(deliveryId);
        var now = _time.GetUtcNow();
        var entity = new TableEntity(source, key) { ["DeliveryId"] = Truncate(deliveryId), ["Event"] = eventName, ["ReceivedAt"] = now, ["Queued"] = false };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(source, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue || existing.Value!.GetBoolean("Queued") == true || now - (existing.Value.GetDateTimeOffset("ReceivedAt") ?? now) < ClaimTimeout)
        {
            return false;
        }

        try
        {
            await _table.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Marks a claimed delivery queued.</summary>
    public Task MarkQueuedAsync(string source, string deliveryId, CancellationToken cancellationToken)
        => _table.UpdateEntityAsync(new TableEntity(source, RowKey(deliveryId)) { ["Queued"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Row keys cannot hold / \ # ? or control characters, nor pass 1 KiB: such ids are hashed.</summary>
    internal static string RowKey(string deliveryId)
        => deliveryId.Length <= 200 && deliveryId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? deliveryId
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)));

    private static string Truncate(string value) => value.Length <= 200 ? value : value[..200];
}
