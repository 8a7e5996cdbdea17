namespace GitOps.Core.Status;

/// <summary>The outcome of a reconcile job.</summary>
public enum SyncResult
{
    None,
    Succeeded,
    Failed,
    Skipped,

    /// <summary>Applied in part; custom objects wait for their CRDs to be established, and the job resumes later.</summary>
    Waiting,

    /// <summary>Not run now: the app × cluster is busy elsewhere; the job was queued again with a delay.</summary>
    Deferred,
}
