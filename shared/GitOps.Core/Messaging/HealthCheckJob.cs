namespace GitOps.Core.Messaging;

/// <summary>
/// Check the health of what a sync applied. Queue <c>health-checks</c>, sent with a visibility delay
/// after each sync that applied, and again (later each time) while the app is Progressing.
/// </summary>
/// <param name="App">Application name.</param>
/// <param name="Cluster">Target cluster name.</param>
/// <param name="Revision">The revision the sync applied; a check for a revision no longer applied is skipped.</param>
/// <param name="JobId">Identifies the sync's checks (every attempt carries it); the status row names the latest.</param>
/// <param name="StartedAt">When the sync finished: the app's health timeout runs from here.</param>
/// <param name="Attempt">1 for the first check, then 2, 3...</param>
public sealed record HealthCheckJob(string App, string Cluster, string Revision, string JobId, DateTimeOffset StartedAt, int Attempt)
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
}
