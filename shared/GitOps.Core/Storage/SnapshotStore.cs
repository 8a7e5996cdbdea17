using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GitOps.Rendering;

namespace GitOps.Core.Storage;

/// <summary>
/// Container <c>rendered</c>: the applied set of each app × cluster × revision
/// (<c>{app}/{cluster}/{revision}.yaml</c>), with Secret values already replaced by hashes. Each
/// object carries the file it came from in the annotation <see cref="SourceFileAnnotation"/>, in the
/// snapshot only (it is never applied, and reading takes it off again).
/// </summary>
public sealed class SnapshotStore
{
    public const string SourceFileAnnotation = "gitops-functions.io/source-file";

    private readonly BlobContainerClient _container;

    public SnapshotStore(StorageAccount storage) => _container = storage.Container(StorageNames.RenderedContainer);

    public static string NameOf(string app, string cluster, string revision) => $"{app}/{cluster}/{revision}.yaml";

    /// <summary>Writes the snapshot (overwriting one of the same revision: the content is the same set).</summary>
    /// <param name="masked">Each object (Secret values already masked) with its source file.</param>
    public async Task<string> WriteAsync(string app, string cluster, string revision, IEnumerable<(JsonObject Masked, string SourceFile)> masked, CancellationToken cancellationToken)
    {
        var name = NameOf(app, cluster, revision);
        var yaml = ManifestYaml.Write(masked.Select(m => Annotated(m.Masked, m.SourceFile)));
        await _container.GetBlobClient(name).UploadAsync(BinaryData.FromString(yaml), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/yaml" },
        }, cancellationToken).ConfigureAwait(false);
        return name;
    }

    /// <summary>The objects as applied, each with its source file (null for snapshots written before files were kept).</summary>
    public async Task<IReadOnlyList<(JsonObject Body, string? SourceFile)>> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        var content = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return ManifestYaml.Parse(content.Value.Content.ToString(), $"{StorageNames.RenderedContainer}/{blobName}")
            .Select(o => (o, TakeSourceFile(o)))
            .ToList();
    }

    private static JsonObject Annotated(JsonObject obj, string sourceFile)
    {
        var copy = obj.DeepClone().AsObject();
        var metadata = copy["metadata"] as JsonObject ?? new JsonObject();
        copy["metadata"] = metadata;
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        metadata["annotations"] = annotations;
        annotations[SourceFileAnnotation] = sourceFile;
        return copy;
    }

    private static string? TakeSourceFile(JsonObject obj)
    {
        if (obj["metadata"]?["annotations"] is not JsonObject annotations || annotations[SourceFileAnnotation] is not { } file)
        {
            return null;
        }

        annotations.Remove(SourceFileAnnotation);
        if (annotations.Count == 0)
        {
            (obj["metadata"] as JsonObject)?.Remove("annotations");
        }

        return file.ToString();
    }
}
