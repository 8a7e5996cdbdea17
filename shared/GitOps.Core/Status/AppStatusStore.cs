using Azure.Data.Tables;
using GitOps.Core.Storage;

namespace GitOps.Core.Status;

/// <summary>Table <c>appstatus</c>: PartitionKey app, RowKey cluster. Every write is an ETag-checked read-modify-write.</summary>
public sealed class AppStatusStore
{
    private readonly TableClient _table;

    public AppStatusStore(StorageAccount storage) => _table = storage.Table(StorageNames.AppStatusTable);

    public async Task<AppStatus?> GetAsync(string app, string cluster, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(app, cluster, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<AppStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<AppStatus>();
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(FromEntity(row));
        }

        return result;
    }

    /// <summary>The rows of every app on <paramref name="cluster"/> (one query, whatever the number of apps).</summary>
    public async Task<IReadOnlyList<AppStatus>> ListForClusterAsync(string cluster, CancellationToken cancellationToken)
    {
        var result = new List<AppStatus>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {cluster}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(FromEntity(row));
        }

        return result;
    }

    /// <summary>Applies <paramref name="change"/> to the current row (a fresh one when missing); retried on a lost race.</summary>
    public async Task<AppStatus> UpdateAsync(string app, string cluster, Func<AppStatus, AppStatus> change, CancellationToken cancellationToken)
    {
        var row = await OptimisticUpdate.UpdateAsync(
            _table, app, cluster, existing => ToEntity(change(existing is null ? new AppStatus(app, cluster) : FromEntity(existing))), cancellationToken).ConfigureAwait(false);
        return FromEntity(row!);
    }

    private static TableEntity ToEntity(AppStatus s) => new()
    {
        ["AppliedRevision"] = s.AppliedRevision,
        ["SnapshotBlob"] = s.SnapshotBlob,
        ["AppliedSequence"] = s.AppliedSequence,
        ["LastAttemptedRevision"] = s.LastAttemptedRevision,
        ["LastResult"] = s.LastResult.ToString(),
        ["LastMessage"] = Truncate(s.LastMessage),
        ["LastJobId"] = s.LastJobId,
        ["LastSyncAt"] = s.LastSyncAt,
        ["Drift"] = s.Drift.ToString(),
        ["DriftFingerprint"] = s.DriftFingerprint,
        ["LastDriftScanAt"] = s.LastDriftScanAt,
        ["DriftScanKey"] = s.DriftScanKey,
        ["DriftKinds"] = Truncate(s.DriftKinds),
        ["Health"] = s.Health.ToString(),
        ["HealthMessage"] = Truncate(s.HealthMessage),
        ["HealthObjects"] = Truncate(string.Join('\n', s.HealthObjects)),
        ["HealthJobId"] = s.HealthJobId,
        ["HealthAttempt"] = s.HealthAttempt,
        ["LastHealthCheckAt"] = s.LastHealthCheckAt,
        ["HealthAlertId"] = s.HealthAlertId,
        ["CommitStatus"] = s.CommitStatus,
        ["PinnedRevision"] = s.PinnedRevision,
        ["LastHealthyRevision"] = s.LastHealthyRevision,
        ["PinnedBy"] = Truncate(s.PinnedBy),
        ["Suspended"] = s.Suspended,
        ["SuspendedBy"] = Truncate(s.SuspendedBy),
        ["PendingRevision"] = s.PendingRevision,
    };

    private static AppStatus FromEntity(TableEntity e) => new(e.PartitionKey, e.RowKey)
    {
        AppliedRevision = e.GetString("AppliedRevision"),
        SnapshotBlob = e.GetString("SnapshotBlob"),
        AppliedSequence = e.GetInt64("AppliedSequence"),
        LastAttemptedRevision = e.GetString("LastAttemptedRevision"),
        LastResult = Enum.TryParse<SyncResult>(e.GetString("LastResult"), out var r) ? r : SyncResult.None,
        LastMessage = e.GetString("LastMessage"),
        LastJobId = e.GetString("LastJobId"),
        LastSyncAt = e.GetDateTimeOffset("LastSyncAt"),
        Drift = Enum.TryParse<DriftState>(e.GetString("Drift"), out var d) ? d : DriftState.Unknown,
        DriftFingerprint = e.GetString("DriftFingerprint"),
        LastDriftScanAt = e.GetDateTimeOffset("LastDriftScanAt"),
        DriftScanKey = e.GetString("DriftScanKey"),
        DriftKinds = e.GetString("DriftKinds"),
        Health = Enum.TryParse<HealthState>(e.GetString("Health"), out var h) ? h : HealthState.Unknown,
        HealthMessage = e.GetString("HealthMessage"),
        HealthObjects = e.GetString("HealthObjects") is { Length: > 0 } objects ? objects.Split('\n') : [],
        HealthJobId = e.GetString("HealthJobId"),
        CommitStatus = e.GetString("CommitStatus"),
        PinnedRevision = e.GetString("PinnedRevision"),
        LastHealthyRevision = e.GetString("LastHealthyRevision"),
        PinnedBy = e.GetString("PinnedBy"),
        Suspended = e.GetBoolean("Suspended") ?? false,
        SuspendedBy = e.GetString("SuspendedBy"),
        PendingRevision = e.GetString("PendingRevision"),
        HealthAttempt = e.GetInt32("HealthAttempt") ?? 0,
        LastHealthCheckAt = e.GetDateTimeOffset("LastHealthCheckAt"),
        HealthAlertId = e.GetString("HealthAlertId"),
    };

    /// <summary>Largest text written to one table column (a string property holds 32K characters), with room to spare.</summary>
    internal const int MaxColumnChars = 30_000;

    internal static string? Truncate(string? text, int max = 16_000)
        => text is null || text.Length <= max ? text : text[..max] + "… (truncated)";
}
