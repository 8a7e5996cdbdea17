namespace GitOps.Core.Status;

/// <summary>Whether the live cluster matches the applied revision.</summary>
public enum DriftState
{
    Unknown,
    InSync,
    Drifted,
}
