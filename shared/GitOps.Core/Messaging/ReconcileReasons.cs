namespace GitOps.Core.Messaging;

/// <summary>Values of <see cref="ReconcileJob.Reason"/>.</summary>
public static class ReconcileReasons
{
    /// <summary>A new commit on the tracked branch.</summary>
    public const string NewCommit = "new-commit";

    /// <summary>The drift policy asked to put the cluster back to the applied revision.</summary>
    public const string DriftCorrection = "drift-correction";

    /// <summary>Someone asked for a sync.</summary>
    public const string Manual = "manual";
}
