namespace GitOps.Core.Status;

/// <summary>Per app × cluster: what was applied, how the last sync went, and the drift state. Table <c>appstatus</c>.</summary>
public sealed record AppStatus(string App, string Cluster)
{
    /// <summary>The revision last applied successfully.</summary>
    public string? AppliedRevision { get; init; }

    /// <summary>The blob holding the applied set (<c>{app}/{cluster}/{revision}.yaml</c> in container <c>rendered</c>).</summary>
    public string? SnapshotBlob { get; init; }

    public string? LastAttemptedRevision { get; init; }

    public SyncResult LastResult { get; init; }

    /// <summary>The last sync's message: a change summary, or the error naming stage, file or object.</summary>
    public string? LastMessage { get; init; }

    public string? LastJobId { get; init; }

    public DateTimeOffset? LastSyncAt { get; init; }

    public DriftState Drift { get; init; }

    /// <summary>Identifies the set of drifted fields last reported, so that an unchanged drift raises one alert, not one per scan.</summary>
    public string? DriftFingerprint { get; init; }

    public DateTimeOffset? LastDriftScanAt { get; init; }
}
