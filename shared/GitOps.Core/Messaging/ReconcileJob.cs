namespace GitOps.Core.Messaging;

/// <summary>
/// Apply <see cref="Revision"/> of <see cref="App"/> to <see cref="Cluster"/>. Queue <c>reconcile-jobs</c>.
/// </summary>
/// <param name="App">Application name.</param>
/// <param name="Cluster">Target cluster name.</param>
/// <param name="Revision">The commit the job was planned for (full SHA).</param>
/// <param name="Reason">Why: <see cref="ReconcileReasons"/>.</param>
public sealed record ReconcileJob(string App, string Cluster, string Revision, string Reason)
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Identifies the job across redeliveries; planners derive it from what was planned.</summary>
    public string JobId { get; init; } = string.Empty;

    /// <summary>
    /// The source head's plan number the job was planned under (it grows by one each time the
    /// branch moves, a force push back to an older commit included). A new-commit job is stale when
    /// the app × cluster already applied a later plan: an out-of-order delivery is skipped, while a
    /// branch reset to an older commit is applied. Null for jobs not planned from a head.
    /// </summary>
    public long? Sequence { get; init; }

    /// <summary>
    /// Set on a job re-queued to wait for CustomResourceDefinitions of its revision to be established:
    /// when the wait began, against the app's <c>crdTimeout</c>.
    /// </summary>
    public DateTimeOffset? WaitingSince { get; init; }

    /// <summary>
    /// On a job resumed after waiting: what the earlier deliveries created or configured (object key →
    /// action), so the history row of the whole sync counts them as such rather than as unchanged.
    /// </summary>
    public IReadOnlyDictionary<string, string>? AppliedBefore { get; init; }

    /// <summary>What planned a new-commit job: <c>poll</c>, or <c>webhook {delivery} pushed by {user}</c>.</summary>
    public string? Trigger { get; init; }

    /// <summary>Who asked for a requested job (sync, rollback, unpin, resume) and why, for the history row.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>
    /// When a drift correction was planned (the scan's time): a sync that finished after it already
    /// put the cluster right, so the correction is skipped rather than re-apply an older state.
    /// </summary>
    public DateTimeOffset? PlannedAt { get; init; }
}
