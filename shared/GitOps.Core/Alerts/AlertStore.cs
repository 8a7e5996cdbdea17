using Azure;
using Azure.Data.Tables;
using GitOps.Core.Storage;

namespace GitOps.Core.Alerts;

/// <summary>
/// Table <c>alerts</c>: PartitionKey the app (or <c>source:{name}</c>). An open alert's row key is
/// <c>open_{fingerprint}</c>, so finding it again is a point read; resolving moves it, in one
/// transaction, to <c>closed_{newest first}_{fingerprint}</c>, the history. Every change is ETag-guarded.
/// </summary>
public sealed class AlertStore
{
    private const string OpenPrefix = "open_";
    private const string ClosedPrefix = "closed_";

    private readonly TableClient _table;

    public AlertStore(StorageAccount storage) => _table = storage.Table(StorageNames.AlertsTable);

    /// <summary>
    /// Opens an alert for <paramref name="candidate"/>'s fingerprint, or, when one is open, counts it
    /// again (last seen, count, and the newest summary, revision and report). Returns the stored alert
    /// and whether it was opened now.
    /// </summary>
    public async Task<(Alert Alert, bool Opened)> RaiseAsync(Alert candidate, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(candidate.Fingerprint);
        var opened = false;
        Alert? stored = null;
        await OptimisticUpdate.UpdateAsync(_table, candidate.App, OpenPrefix + candidate.Fingerprint, existing =>
        {
            if (existing is null)
            {
                opened = true;
                stored = candidate with { Id = $"{candidate.Kind.ToString().ToLowerInvariant()}-{candidate.Fingerprint[..12]}-{candidate.RaisedAt.ToUnixTimeSeconds()}", LastSeen = candidate.RaisedAt, Count = 1 };
            }
            else
            {
                opened = false;
                var current = FromEntity(existing);
                stored = current with
                {
                    Summary = candidate.Summary,
                    Revision = candidate.Revision ?? current.Revision,
                    ReportBlob = candidate.ReportBlob ?? current.ReportBlob,
                    LastSeen = candidate.RaisedAt,
                    Count = current.Count + 1,
                };
            }

            return ToEntity(stored, OpenPrefix + stored.Fingerprint);
        }, cancellationToken).ConfigureAwait(false);
        return (stored!, opened);
    }

    /// <summary>Records an event that is over as it happens (info kinds): straight into the history.</summary>
    public async Task<Alert> RecordEventAsync(Alert candidate, CancellationToken cancellationToken)
    {
        var stored = candidate with
        {
            Id = $"{candidate.Kind.ToString().ToLowerInvariant()}-{candidate.Fingerprint[..12]}-{candidate.RaisedAt.ToUnixTimeSeconds()}",
            ResolvedAt = candidate.RaisedAt,
            Resolution = candidate.Resolution ?? "an event: nothing to resolve",
        };
        await _table.UpsertEntityAsync(ToEntity(stored, ClosedKey(stored)), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Marks an open alert as told to its channels at <paramref name="at"/>.</summary>
    public async Task MarkNotifiedAsync(Alert alert, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(alert.App, OpenPrefix + alert.Fingerprint) { ["NotifiedAt"] = at }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Resolved meanwhile.
        }
    }

    /// <summary>
    /// Resolves the open alerts of <paramref name="app"/> on <paramref name="cluster"/> that
    /// <paramref name="which"/> selects. Returns those this call resolved (another instance resolving
    /// the same alert first takes it out of the list).
    /// </summary>
    public async Task<IReadOnlyList<Alert>> ResolveAsync(string app, string cluster, Func<Alert, bool> which, string resolution, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var resolved = new List<Alert>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {app} and RowKey ge {OpenPrefix} and RowKey lt {"open`"}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var open = FromEntity(e);
            if (open.Cluster != cluster || !which(open))
            {
                continue;
            }

            var closed = open with { ResolvedAt = at, Resolution = resolution };
            try
            {
                await _table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.Add, ToEntity(closed, ClosedKey(closed))),
                        new TableTransactionAction(TableTransactionActionType.Delete, e, e.ETag),
                    ],
                    cancellationToken).ConfigureAwait(false);
                resolved.Add(closed);
            }
            catch (TableTransactionFailedException)
            {
                // Another instance resolved it first.
            }
        }

        return resolved;
    }

    /// <summary>
    /// Alerts, open and resolved, most recently seen first; all apps when <paramref name="app"/> is
    /// null. Info events (Synced, Pruned) only with <paramref name="includeInfo"/>.
    /// </summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(string? app, CancellationToken cancellationToken, bool includeInfo = false)
    {
        var query = app is null
            ? _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken)
            : _table.QueryAsync<TableEntity>(r => r.PartitionKey == app, cancellationToken: cancellationToken);
        var result = new List<Alert>();
        await foreach (var e in query.ConfigureAwait(false))
        {
            if (e.RowKey.StartsWith(OpenPrefix, StringComparison.Ordinal) || e.RowKey.StartsWith(ClosedPrefix, StringComparison.Ordinal))
            {
                result.Add(FromEntity(e));
            }
        }

        return result.Where(a => includeInfo || a.Severity != AlertSeverity.Info).OrderByDescending(a => a.ResolvedAt ?? a.LastSeen).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    private static string ClosedKey(Alert alert) => $"{ClosedPrefix}{DateTimeOffset.MaxValue.UtcTicks - alert.ResolvedAt!.Value.UtcTicks:D19}_{alert.Fingerprint[..16]}";

    private static TableEntity ToEntity(Alert alert, string rowKey) => new(alert.App, rowKey)
    {
        ["Id"] = alert.Id,
        ["Cluster"] = alert.Cluster,
        ["Kind"] = alert.Kind.ToString(),
        ["Severity"] = alert.Severity.ToString(),
        ["Fingerprint"] = alert.Fingerprint,
        ["Summary"] = Status.AppStatusStore.Truncate(alert.Summary),
        ["RaisedAt"] = alert.RaisedAt,
        ["LastSeen"] = alert.LastSeen,
        ["Count"] = alert.Count,
        ["NotifiedAt"] = alert.NotifiedAt,
        ["Revision"] = alert.Revision,
        ["ReportBlob"] = alert.ReportBlob,
        ["ResolvedAt"] = alert.ResolvedAt,
        ["Resolution"] = Status.AppStatusStore.Truncate(alert.Resolution),
    };

    private static Alert FromEntity(TableEntity e)
    {
        var kind = Enum.Parse<AlertKind>(e.GetString("Kind"));
        var raised = e.GetDateTimeOffset("RaisedAt") ?? default;
        return new Alert(e.PartitionKey, e.GetString("Cluster") ?? string.Empty, kind, e.GetString("Summary") ?? string.Empty, raised)
        {
            Id = e.GetString("Id") ?? string.Empty,
            Severity = Enum.TryParse<AlertSeverity>(e.GetString("Severity"), out var severity) ? severity : Alert.SeverityOf(kind),
            Fingerprint = e.GetString("Fingerprint") ?? string.Empty,
            LastSeen = e.GetDateTimeOffset("LastSeen") ?? raised,
            Count = e.GetInt32("Count") ?? 1,
            NotifiedAt = e.GetDateTimeOffset("NotifiedAt"),
            Revision = e.GetString("Revision"),
            ReportBlob = e.GetString("ReportBlob"),
            ResolvedAt = e.GetDateTimeOffset("ResolvedAt"),
            Resolution = e.GetString("Resolution"),
        };
    }
}
