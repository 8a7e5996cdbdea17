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
}
