using Azure.Data.Tables;
using GitOps.Core.Storage;

namespace GitOps.Core.Alerts;

/// <summary>Table <c>alerts</c>.</summary>
public sealed class AlertStore
{
    private readonly TableClient _table;

    public AlertStore(StorageAccount storage) => _table = storage.Table(StorageNames.AlertsTable);

    /// <summary>Adds an alert; the same alert id added twice is kept once.</summary>
    public async Task AddAsync(Alert alert, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(alert.App, $"{DateTimeOffset.MaxValue.UtcTicks - alert.RaisedAt.UtcTicks:D19}_{alert.Id}")
        {
            ["Id"] = alert.Id,
            ["Cluster"] = alert.Cluster,
            ["Kind"] = alert.Kind.ToString(),
            ["Summary"] = Status.AppStatusStore.Truncate(alert.Summary),
            ["RaisedAt"] = alert.RaisedAt,
            ["Revision"] = alert.Revision,
            ["ReportBlob"] = alert.ReportBlob,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Alerts, newest first per app; all apps when <paramref name="app"/> is null.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(string? app, CancellationToken cancellationToken)
    {
        var query = app is null
            ? _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken)
            : _table.QueryAsync<TableEntity>(r => r.PartitionKey == app, cancellationToken: cancellationToken);
        var result = new List<Alert>();
        await foreach (var e in query.ConfigureAwait(false))
        {
            result.Add(new Alert(e.PartitionKey, e.GetString("Cluster"), Enum.Parse<AlertKind>(e.GetString("Kind")), e.GetString("Summary"), e.GetDateTimeOffset("RaisedAt") ?? default)
            {
                Id = e.GetString("Id"),
                Revision = e.GetString("Revision"),
                ReportBlob = e.GetString("ReportBlob"),
            });
        }

        return result;
    }
}
