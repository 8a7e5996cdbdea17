using Azure;
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
        var entity = new TableEntity(alert.App, RowKeyOf(alert))
        {
            ["Id"] = alert.Id,
            ["Cluster"] = alert.Cluster,
            ["Kind"] = alert.Kind.ToString(),
            ["Summary"] = Status.AppStatusStore.Truncate(alert.Summary),
            ["RaisedAt"] = alert.RaisedAt,
            ["Revision"] = alert.Revision,
            ["ReportBlob"] = alert.ReportBlob,
            ["ResolvedAt"] = alert.ResolvedAt,
            ["Resolution"] = Status.AppStatusStore.Truncate(alert.Resolution),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds an alert unless one with its id exists already, whenever it was raised: for alerts raised
    /// at a time a redelivery cannot repeat. Returns false when it existed.
    /// </summary>
    public async Task<bool> AddOnceAsync(Alert alert, CancellationToken cancellationToken)
    {
        if (await FindAsync(alert.App, alert.Id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await AddAsync(alert, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The alert of <paramref name="app"/> with id <paramref name="id"/>, or null.</summary>
    public async Task<Alert?> FindAsync(string app, string id, CancellationToken cancellationToken)
    {
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {app} and Id eq {id}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return FromEntity(e);
        }

        return null;
    }

    /// <summary>The open (unresolved) alert of <paramref name="kind"/> for <paramref name="app"/> and <paramref name="cluster"/>, or null.</summary>
    public async Task<Alert?> FindOpenAsync(string app, string cluster, AlertKind kind, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {app} and Kind eq {kind.ToString()} and Cluster eq {cluster}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.GetDateTimeOffset("ResolvedAt") is null)
            {
                return FromEntity(e);
            }
        }

        return null;
    }

    /// <summary>Marks an open alert resolved with <paramref name="resolution"/>; false when there is no such open alert (already resolved, or never raised).</summary>
    public async Task<bool> ResolveAsync(string app, string id, string resolution, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {app} and Id eq {id}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.GetDateTimeOffset("ResolvedAt") is not null)
            {
                return false;
            }

            e["ResolvedAt"] = at;
            e["Resolution"] = Status.AppStatusStore.Truncate(resolution);
            try
            {
                await _table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException failure) when (failure.Status == 412)
            {
                // Another delivery resolved it first.
                return false;
            }
        }

        return false;
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
            result.Add(FromEntity(e));
        }

        return result;
    }

    private static string RowKeyOf(Alert alert) => $"{DateTimeOffset.MaxValue.UtcTicks - alert.RaisedAt.UtcTicks:D19}_{alert.Id}";

    private static Alert FromEntity(TableEntity e)
        => new(e.PartitionKey, e.GetString("Cluster"), Enum.Parse<AlertKind>(e.GetString("Kind")), e.GetString("Summary"), e.GetDateTimeOffset("RaisedAt") ?? default)
        {
            Id = e.GetString("Id"),
            Revision = e.GetString("Revision"),
            ReportBlob = e.GetString("ReportBlob"),
            ResolvedAt = e.GetDateTimeOffset("ResolvedAt"),
            Resolution = e.GetString("Resolution"),
        };
}
