namespace GitOps.Core.Messaging;

/// <summary>
/// Compare the live state of <see cref="App"/> on <see cref="Cluster"/> with Git; with no app, every
/// app applied on the cluster in one execution (what the scheduler queues: one message per cluster,
/// not per app × cluster). Queue <c>drift-scan-jobs</c>.
/// </summary>
public sealed record DriftScanJob(string? App, string Cluster)
{
    /// <summary>2: <see cref="App"/> may be null (the whole cluster). Version 1 messages always name an app and read the same.</summary>
    public const int CurrentSchemaVersion = 2;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public string JobId { get; init; } = string.Empty;
}
