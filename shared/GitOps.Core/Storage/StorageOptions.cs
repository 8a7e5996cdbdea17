namespace GitOps.Core.Storage;

/// <summary>Where the product keeps its state.</summary>
public sealed class StorageOptions
{
    /// <summary>The setting the Functions host reads the storage connection from.</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    /// <summary>
    /// Prefix for every queue, table and container name (see <see cref="StorageNames"/>).
    /// Default: empty, the production names.
    /// </summary>
    public string NamePrefix { get; set; } = string.Empty;
}
