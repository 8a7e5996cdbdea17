namespace GitOps.Core.Alerts;

/// <summary>A row of table <c>alerts</c>: PartitionKey app, RowKey newest first.</summary>
public sealed record Alert(string App, string Cluster, AlertKind Kind, string Summary, DateTimeOffset RaisedAt)
{
    public string Id { get; init; } = Guid.NewGuid().ToString("N");

    public string? Revision { get; init; }

    /// <summary>Blob name of the detailed report (drift reports), in container <c>drift-reports</c>.</summary>
    public string? ReportBlob { get; init; }

    /// <summary>When the condition cleared (a Degraded app healthy again); null while the alert is open.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>How it cleared, when <see cref="ResolvedAt"/> is set.</summary>
    public string? Resolution { get; init; }
}
