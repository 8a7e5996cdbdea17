namespace GitOps.Core.Alerts;

/// <summary>What an alert is about.</summary>
public enum AlertKind
{
    /// <summary>The live cluster differs from the applied revision.</summary>
    Drift,

    /// <summary>A sync failed for a reason retrying cannot fix (render, validation).</summary>
    SyncFailed,

    /// <summary>A job failed every delivery and was moved to the poison queue.</summary>
    PoisonJob,

    /// <summary>What a sync applied did not become healthy: an object failed, or the health timeout passed.</summary>
    Degraded,

    /// <summary>A source's repository cannot be read (unreachable, refused token, branch gone): its commits are not planned.</summary>
    SourceUnreachable,

    /// <summary>A field of an object is owned by another field manager: the object was not applied (the app's <c>force</c> takes it over).</summary>
    Conflict,

    /// <summary>Objects labelled for the app are on the cluster but not in Git, and were not pruned (prune off, or annotated).</summary>
    Orphaned,

    /// <summary>Info: a sync applied a revision.</summary>
    Synced,

    /// <summary>Info: a sync deleted objects Git no longer has.</summary>
    Pruned,

    /// <summary>A channel refused every delivery of a notification: it went to <c>notifications-poison</c>.</summary>
    NotificationFailed,
}
