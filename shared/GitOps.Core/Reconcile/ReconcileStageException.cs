namespace GitOps.Core.Reconcile;

/// <summary>A stage failed in a way retrying the same revision cannot fix; the job is recorded as failed, not retried.</summary>
internal sealed class ReconcileStageException : Exception
{
    public ReconcileStageException(ReconcileStage stage, string message, Exception? inner = null)
        : base(message, inner)
    {
        Stage = stage;
    }

    public ReconcileStage Stage { get; }
}
