namespace GitOps.Core.Health;

/// <summary>
/// The health of one live object, as kstatus names it. Declared best first, so a larger value is
/// worse: the roll-up of an app is the largest.
/// </summary>
public enum HealthStatus
{
    /// <summary>The object has reached what its spec asks for (or has no status to wait for).</summary>
    Current,

    /// <summary>The object is being deleted.</summary>
    Terminating,

    /// <summary>The controller is still working towards the spec: wait and look again.</summary>
    InProgress,

    /// <summary>The object was applied but is not on the cluster.</summary>
    NotFound,

    /// <summary>The controller gave up (a deadline exceeded, a failed Job, a Stalled condition).</summary>
    Failed,
}
