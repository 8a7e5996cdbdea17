using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace GitOps.Core.Storage;

/// <summary>
/// The storage account's service clients, configured from <c>AzureWebJobsStorage</c> the way the
/// Functions host reads it: a connection string (<c>UseDevelopmentStorage=true</c> locally), or
/// identity-based (<c>AzureWebJobsStorage__accountName</c>, or <c>__queueServiceUri</c>,
/// <c>__blobServiceUri</c>, <c>__tableServiceUri</c>) with <see cref="DefaultAzureCredential"/>.
/// Queue messages are base64, as the Functions queue trigger expects. Clients are thread-safe.
/// </summary>
public sealed class StorageAccount
{
    public StorageAccount(QueueServiceClient queues, BlobServiceClient blobs, TableServiceClient tables, StorageNames names)
    {
        Queues = queues;
        Blobs = blobs;
        Tables = tables;
        Names = names;
    }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    public StorageNames Names { get; }

    public QueueClient Queue(string name) => Queues.GetQueueClient(Names.Queue(name));

    public TableClient Table(string name) => Tables.GetTableClient(Names.Table(name));

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(Names.Container(name));

    /// <param name="policies">Extra pipeline policies for every client (<see cref="StoragePipelinePolicy"/>); none in production.</param>
    public static StorageAccount FromConnectionString(string connectionString, StorageNames? names = null, IEnumerable<StoragePipelinePolicy>? policies = null)
    {
        var all = policies?.ToList();
        return new StorageAccount(
            new QueueServiceClient(connectionString, QueueOptions(all)),
            new BlobServiceClient(connectionString, StoragePipelinePolicy.Apply(new BlobClientOptions(), all)),
            new TableServiceClient(connectionString, StoragePipelinePolicy.Apply(new TableClientOptions(), all)),
            names ?? StorageNames.Default);
    }

    /// <summary>Reads the <c>AzureWebJobsStorage</c> setting (or section) as the Functions host does.</summary>
    /// <param name="policies">Extra pipeline policies for every client (<see cref="StoragePipelinePolicy"/>); none in production.</param>
    public static StorageAccount FromConfiguration(IConfiguration configuration, StorageNames? names = null, TokenCredential? credential = null, IEnumerable<StoragePipelinePolicy>? policies = null)
    {
        var section = configuration.GetSection(StorageOptions.ConnectionSetting);
        var all = policies?.ToList();
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return FromConnectionString(section.Value, names, all);
        }

        var account = section["accountName"];
        Uri? ServiceUri(string key, string service) =>
            section[key] is { Length: > 0 } uri ? new Uri(uri)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net")
            : null;

        var queueUri = ServiceUri("queueServiceUri", "queue");
        var blobUri = ServiceUri("blobServiceUri", "blob");
        var tableUri = ServiceUri("tableServiceUri", "table");
        if (queueUri is null || blobUri is null || tableUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{StorageOptions.ConnectionSetting}' to a connection string " +
                $"(UseDevelopmentStorage=true for Azurite), or '{StorageOptions.ConnectionSetting}__accountName' for an identity-based connection.");
        }

        credential ??= new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        return new StorageAccount(
            new QueueServiceClient(queueUri, credential, QueueOptions(all)),
            new BlobServiceClient(blobUri, credential, StoragePipelinePolicy.Apply(new BlobClientOptions(), all)),
            new TableServiceClient(tableUri, credential, StoragePipelinePolicy.Apply(new TableClientOptions(), all)),
            names ?? StorageNames.Default);
    }

    private static QueueClientOptions QueueOptions(IEnumerable<StoragePipelinePolicy>? policies)
        => StoragePipelinePolicy.Apply(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, policies);

    /// <summary>Creates every queue, table and container if missing (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var work = new List<Task>();
        work.AddRange(Names.AllQueues().Select(q => Queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(Names.AllTables().Select(t => Tables.CreateTableIfNotExistsAsync(t, cancellationToken)));
        work.AddRange(Names.AllContainers().Select(c => Blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(work).ConfigureAwait(false);
    }
}
