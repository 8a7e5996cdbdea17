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

    /// <summary>A rollback pinned an earlier revision and syncs it.</summary>
    public const string Rollback = "rollback";

    /// <summary>The pin was lifted: the app tracks its branch again and syncs the head.</summary>
    public const string Unpin = "unpin";

    /// <summary>A suspended app × cluster was resumed: the newest pending revision is synced.</summary>
    public const string Resume = "resume";

    /// <summary>Reasons a person asked for: applied even when that revision is applied already.</summary>
    public static bool IsRequested(string reason) => reason is Manual or Rollback or Unpin or Resume;
}
