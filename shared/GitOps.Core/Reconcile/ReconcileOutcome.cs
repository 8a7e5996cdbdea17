using GitOps.Core.Apply;
using GitOps.Core.Status;

namespace GitOps.Core.Reconcile;

/// <summary>What a reconcile job did.</summary>
/// <param name="Result">Succeeded, Failed (permanently: retrying the same revision cannot help) or Skipped.</param>
/// <param name="Message">A change summary, the reason for skipping, or the error naming stage and file or object.</param>
/// <param name="Changes">The change set, when the apply ran.</param>
public sealed record ReconcileOutcome(SyncResult Result, string Message, ChangeSet? Changes = null, ReconcileStage? FailedStage = null)
{
    /// <summary>A health check was queued: the sync's outcome is final only when health settles.</summary>
    public bool HealthPending { get; init; }
}
