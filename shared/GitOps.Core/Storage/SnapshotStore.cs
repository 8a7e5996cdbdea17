using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GitOps.Rendering;

namespace GitOps.Core.Storage;

/// <summary>
/// Container <c>rendered</c>: the applied set of each app × cluster × revision
/// (<c>{app}/{cluster}/{revision}.yaml</c>), with Secret values already replaced by hashes.
/// </summary>
public sealed class SnapshotStore
{
    private readonly BlobContainerClient _container;

    public SnapshotStore(StorageAccount storage) => _container = storage.Container(StorageNames.RenderedContainer);

    public static string NameOf(string app, string cluster, string revision) => $"{app}/{cluster}/{revision}.yaml";

    /// <summary>Writes the snapshot (overwriting one of the same revision: the content is the same set).</summary>
    public async Task<string> WriteAsync(string app, string cluster, string revision, IEnumerable<JsonObject> masked, CancellationToken cancellationToken)
    {
        var name = NameOf(app, cluster, revision);
        var yaml = ManifestYaml.Write(masked);
        await _container.GetBlobClient(name).UploadAsync(BinaryData.FromString(yaml), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/yaml" },
        }, cancellationToken).ConfigureAwait(false);
        return name;
    }

    public async Task<IReadOnlyList<JsonObject>> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        var content = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return ManifestYaml.Parse(content.Value.Content.ToString(), $"{StorageNames.RenderedContainer}/{blobName}");
    }
}
