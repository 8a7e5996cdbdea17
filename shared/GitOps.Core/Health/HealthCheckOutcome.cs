using GitOps.Core.Status;

namespace GitOps.Core.Health;

/// <summary>What one health check did.</summary>
/// <param name="Health">The app health it recorded; null when the check was skipped.</param>
/// <param name="Message">The health message, or why the check was skipped.</param>
/// <param name="NextCheck">The delay of the re-check it queued, while Progressing.</param>
public sealed record HealthCheckOutcome(HealthState? Health, string Message, TimeSpan? NextCheck = null)
{
    public bool Skipped => Health is null;
}
