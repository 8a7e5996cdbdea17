namespace GitOps.Core.Health;

/// <summary>What one check found: a status and why.</summary>
public readonly record struct HealthResult(HealthStatus Status, string Message)
{
    public static HealthResult Current(string message) => new(HealthStatus.Current, message);

    public static HealthResult InProgress(string message) => new(HealthStatus.InProgress, message);

    public static HealthResult Failed(string message) => new(HealthStatus.Failed, message);
}
