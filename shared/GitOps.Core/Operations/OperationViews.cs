using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Core.Alerts;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.Core.Storage;

namespace GitOps.Core.Operations;

/// <summary>
/// The JSON shapes of the management API and of the CLI's <c>-o json</c> (the same, so scripts can use
/// either); field names are stable and documented in docs/api.md.
/// </summary>
public static class OperationViews
{
    public static JsonObject App(AppDefinition app, string cluster, AppStatus? status) => new()
    {
        ["app"] = app.Name,
        ["cluster"] = cluster,
        ["source"] = app.Source,
        ["path"] = app.Path,
        ["syncPolicy"] = app.SyncPolicy.ToString().ToLowerInvariant(),
        ["driftPolicy"] = app.DriftPolicy.ToString().ToLowerInvariant(),
        ["appliedRevision"] = status?.AppliedRevision,
        ["pinnedRevision"] = status?.PinnedRevision,
        ["pinnedBy"] = status?.PinnedBy,
        ["suspended"] = status?.Suspended ?? false,
        ["suspendedBy"] = status?.SuspendedBy,
        ["pendingRevision"] = status?.PendingRevision,
        ["syncResult"] = (status?.LastResult ?? SyncResult.None).ToString(),
        ["lastMessage"] = status?.LastMessage,
        ["lastSyncAt"] = Time(status?.LastSyncAt),
        ["health"] = (status?.Health ?? HealthState.Unknown).ToString(),
        ["healthMessage"] = status?.HealthMessage,
        ["drift"] = (status?.Drift ?? DriftState.Unknown).ToString(),
        ["lastDriftScanAt"] = Time(status?.LastDriftScanAt),
    };

    public static JsonObject History(SyncRecord r) => new()
    {
        ["cluster"] = r.Cluster,
        ["revision"] = r.Revision,
        ["reason"] = r.Reason,
        ["requestedBy"] = r.RequestedBy,
        ["result"] = r.Result.ToString(),
        ["failedStage"] = r.FailedStage,
        ["message"] = r.Message,
        ["created"] = r.Created,
        ["configured"] = r.Configured,
        ["unchanged"] = r.Unchanged,
        ["pruned"] = r.Pruned,
        ["orphaned"] = r.Orphaned,
        ["failed"] = r.Failed,
        ["startedAt"] = Time(r.StartedAt),
        ["finishedAt"] = Time(r.FinishedAt),
        ["durationMs"] = (long)(r.FinishedAt - r.StartedAt).TotalMilliseconds,
        ["snapshotBlob"] = r.SnapshotBlob,
        ["jobId"] = r.JobId,
    };

    public static JsonObject Alert(Alert a) => new()
    {
        ["id"] = a.Id,
        ["app"] = a.App,
        ["cluster"] = a.Cluster,
        ["kind"] = a.Kind.ToString(),
        ["severity"] = a.Severity.ToString().ToLowerInvariant(),
        ["state"] = a.IsOpen ? "open" : "resolved",
        ["count"] = a.Count,
        ["firstSeen"] = Time(a.RaisedAt),
        ["lastSeen"] = Time(a.LastSeen),
        ["resolvedAt"] = Time(a.ResolvedAt),
        ["revision"] = a.Revision,
        ["summary"] = a.Summary,
        ["resolution"] = a.Resolution,
        ["reportBlob"] = a.ReportBlob is null ? null : $"{StorageNames.DriftReportsContainer}/{a.ReportBlob}",
        ["fingerprint"] = a.Fingerprint,
    };

    public static JsonObject Result(OperationResult result) => new()
    {
        ["app"] = result.App,
        ["clusters"] = new JsonArray([.. result.Clusters.Select(c => JsonValue.Create(c))]),
        ["message"] = result.Message,
        ["jobs"] = new JsonArray([.. result.Jobs.Select(j => new JsonObject { ["cluster"] = j.Cluster, ["revision"] = j.Revision, ["reason"] = j.Reason, ["jobId"] = j.JobId })]),
    };

    private static string? Time(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture);
}
