namespace GitOps.Core.Status;

/// <summary>Per app × cluster: what was applied, how the last sync went, its health, and the drift state. Table <c>appstatus</c>.</summary>
public sealed record AppStatus(string App, string Cluster)
{
    /// <summary>The revision last applied successfully.</summary>
    public string? AppliedRevision { get; init; }

    /// <summary>The blob holding the applied set (<c>{app}/{cluster}/{revision}.yaml</c> in container <c>rendered</c>).</summary>
    public string? SnapshotBlob { get; init; }

    /// <summary>The highest source plan number (<c>ReconcileJob.Sequence</c>) applied: a new-commit job planned under a lower one is stale.</summary>
    public long? AppliedSequence { get; init; }

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

    /// <summary>
    /// Set by a scan that found the app in sync: a digest of what that comparison depended on (applied
    /// revision and snapshot, last sync, the app's and cluster's registry rows, and the identity and
    /// <c>resourceVersion</c> of every live object listed). A later scan that lists the same digest
    /// knows nothing changed and reads no storage at all.
    /// </summary>
    public string? DriftScanKey { get; init; }

    /// <summary>The <c>apiVersion|kind</c> pairs of the applied set, one per line: what to list to recompute <see cref="DriftScanKey"/> without the snapshot.</summary>
    public string? DriftKinds { get; init; }

    public HealthState Health { get; init; }

    /// <summary>Why: the worst object and what it waits for (<c>Deployment/shop/web: 1 of 3 replicas available</c>), or the timeout.</summary>
    public string? HealthMessage { get; init; }

    /// <summary>The worst few objects holding the health back, one line each.</summary>
    public IReadOnlyList<string> HealthObjects { get; init; } = [];

    /// <summary>The health checks of the latest sync carry this id; checks of an earlier sync are skipped.</summary>
    public string? HealthJobId { get; init; }

    /// <summary>The latest check attempt recorded for <see cref="HealthJobId"/>: a redelivered earlier attempt is skipped.</summary>
    public int HealthAttempt { get; init; }

    public DateTimeOffset? LastHealthCheckAt { get; init; }

    /// <summary>The newest revision whose health check found it Healthy here: where autoRollback goes back to.</summary>
    public string? LastHealthyRevision { get; init; }

    /// <summary>A rollback's pin: while set, this revision is what the app × cluster runs; new commits wait as <see cref="PendingRevision"/>.</summary>
    public string? PinnedRevision { get; init; }

    /// <summary>Who pinned, when and why: <c>alice at 2026-12-05 10:00:00Z: bad release</c>.</summary>
    public string? PinnedBy { get; init; }

    /// <summary>While true nothing is synced or corrected here; drift is still scanned and reported.</summary>
    public bool Suspended { get; init; }

    /// <summary>Who suspended, when and why.</summary>
    public string? SuspendedBy { get; init; }

    /// <summary>The newest revision planned but held back by a pin or a suspension.</summary>
    public string? PendingRevision { get; init; }

    /// <summary>The last GitLab commit status posted (<c>{revision}:{state}</c>): the same state is never posted twice.</summary>
    public string? CommitStatus { get; init; }

    /// <summary>The open Degraded alert, resolved by the next Healthy check.</summary>
    public string? HealthAlertId { get; init; }
}
