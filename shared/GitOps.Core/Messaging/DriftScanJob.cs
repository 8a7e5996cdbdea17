namespace GitOps.Core.Messaging;

/// <summary>Compare the live state of <see cref="App"/> on <see cref="Cluster"/> with Git. Queue <c>drift-scan-jobs</c>.</summary>
public sealed record DriftScanJob(string App, string Cluster)
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public string JobId { get; init; } = string.Empty;
}
