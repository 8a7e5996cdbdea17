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

    public int Pruned { get; init; }

    public int Orphaned { get; init; }

    public int Failed { get; init; }

    /// <summary>One line per object worth reading: each pruned, orphaned, failed or force-applied object, with why.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    public string? SnapshotBlob { get; init; }

    /// <summary>Who asked for it (a requested sync, rollback, unpin or resume): the user or key name, and why.</summary>
    public string? RequestedBy { get; init; }
}
