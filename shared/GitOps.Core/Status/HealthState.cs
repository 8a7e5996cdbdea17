namespace GitOps.Core.Status;

/// <summary>Whether what was applied works: the roll-up of its objects' health.</summary>
public enum HealthState
{
    /// <summary>Not checked yet.</summary>
    Unknown,

    /// <summary>Some object is still on its way; checked again with backoff until the app's health timeout.</summary>
    Progressing,

    Healthy,

    /// <summary>Some object failed, or did not become healthy within the timeout.</summary>
    Degraded,
}
