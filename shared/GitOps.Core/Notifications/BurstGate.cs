using Azure.Data.Tables;
using GitOps.Core.Alerts;
using GitOps.Core.Storage;

namespace GitOps.Core.Notifications;

/// <summary>
/// The burst cap per channel: at most <see cref="NotificationOptions.BurstLimit"/> messages in a
/// <see cref="NotificationOptions.BurstWindow"/>; the rest are held and, once the window is over,
/// go as one digest ("12 more alerts for web on prod in the last minute"). State is one row per
/// channel (table <c>alerts</c>, PartitionKey <c>channel:{name}</c>), ETag-guarded, so every
/// instance counts the same window.
/// </summary>
public sealed class BurstGate
{
    private const string RowKey = "window";

    private readonly TableClient _table;

    public BurstGate(StorageAccount storage) => _table = storage.Table(StorageNames.AlertsTable);

    /// <summary>What to do with one message.</summary>
    /// <param name="Send">Post it now.</param>
    /// <param name="DigestAt">When held and the first held of its window: queue the digest to run then.</param>
    public sealed record Decision(bool Send, DateTimeOffset? DigestAt);

    public async Task<Decision> TakeAsync(string channel, NotificationJob job, NotificationOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var decision = new Decision(true, null);
        await OptimisticUpdate.UpdateAsync(_table, Partition(channel), RowKey, existing =>
        {
            var row = existing ?? new TableEntity();
            var start = row.GetDateTimeOffset("WindowStart");
            if (start is null || now - start.Value >= options.BurstWindow)
            {
                // A new window; what an earlier one held stays held until its digest goes.
                row["WindowStart"] = now;
                row["Sent"] = 1;
                decision = new Decision(true, null);
                return row;
            }

            var sent = row.GetInt32("Sent") ?? 0;
            if (sent < options.BurstLimit)
            {
                row["Sent"] = sent + 1;
                decision = new Decision(true, null);
                return row;
            }

            var queued = row.GetBoolean("DigestQueued") ?? false;
            row["Held"] = (row.GetInt32("Held") ?? 0) + 1;
            row["HeldLines"] = AppendLine(row.GetString("HeldLines"), $"{job.App}|{job.Cluster}|{job.Severity}");
            row["DigestQueued"] = true;
            decision = new Decision(false, queued ? null : start.Value + options.BurstWindow);
            return row;
        }, cancellationToken).ConfigureAwait(false);
        return decision;
    }

    /// <summary>Takes what the channel held (for its digest) and clears it.</summary>
    public async Task<(int Held, IReadOnlyList<(string App, string Cluster, AlertSeverity Severity)> Alerts)> TakeHeldAsync(string channel, CancellationToken cancellationToken)
    {
        var held = 0;
        IReadOnlyList<(string, string, AlertSeverity)> alerts = [];
        await OptimisticUpdate.UpdateAsync(_table, Partition(channel), RowKey, existing =>
        {
            if (existing is null)
            {
                return null;
            }

            held = existing.GetInt32("Held") ?? 0;
            alerts = (existing.GetString("HeldLines") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('|')).Where(p => p.Length == 3)
                .Select(p => (p[0], p[1], Enum.TryParse<AlertSeverity>(p[2], out var s) ? s : AlertSeverity.Warning)).ToList();
            existing["Held"] = 0;
            existing["HeldLines"] = string.Empty;
            existing["DigestQueued"] = false;
            return existing;
        }, cancellationToken).ConfigureAwait(false);
        return (held, alerts);
    }

    private static string Partition(string channel) => $"channel:{channel}";

    // A row holds 64 KiB of text: past a few hundred lines the count still grows, the lines stop.
    private static string AppendLine(string? lines, string line)
        => string.IsNullOrEmpty(lines) ? line : lines.Length > 16_000 ? lines : lines + "\n" + line;
}
