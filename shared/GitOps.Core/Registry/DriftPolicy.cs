namespace GitOps.Core.Registry;

/// <summary>What a drift scan does when the cluster differs from Git.</summary>
public enum DriftPolicy
{
    /// <summary>Record an alert and notify.</summary>
    Alert,

    /// <summary>Record an alert and re-apply the last applied revision.</summary>
    Correct,
}
