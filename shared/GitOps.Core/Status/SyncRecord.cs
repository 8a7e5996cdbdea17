namespace GitOps.Core.Status;

/// <summary>One reconcile job's outcome, for the audit trail. Table <c>synchistory</c>.</summary>
public sealed record SyncRecord(
    string App,
    string Cluster,
    string JobId,
    string Revision,
    string Reason,
    SyncResult Result,
    string? FailedStage,
    string Message,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt)
{
    public int Created { get; init; }

    public int Configured { get; init; }

    public int Unchanged { get; init; }

    public int Deleted { get; init; }

    public string? SnapshotBlob { get; init; }
}
