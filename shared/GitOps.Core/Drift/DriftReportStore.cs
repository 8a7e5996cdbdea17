using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GitOps.Core.Storage;

namespace GitOps.Core.Drift;

/// <summary>Container <c>drift-reports</c>: one JSON document per report.</summary>
public sealed class DriftReportStore
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly BlobContainerClient _container;

    public DriftReportStore(StorageAccount storage) => _container = storage.Container(StorageNames.DriftReportsContainer);

    public async Task WriteAsync(DriftReport report, CancellationToken cancellationToken)
    {
        var json = new JsonObject
        {
            ["id"] = report.Id,
            ["app"] = report.App,
            ["cluster"] = report.Cluster,
            ["revision"] = report.Revision,
            ["scannedAt"] = report.ScannedAt,
            ["schemaVersion"] = 2,
            ["items"] = new JsonArray(report.Items.Select(i => (JsonNode)new JsonObject
            {
                ["object"] = i.Object,
                ["file"] = i.SourceFile,
                ["path"] = i.Path,
                ["desired"] = i.Desired?.DeepClone(),
                ["live"] = i.Live?.DeepClone(),
                ["manager"] = i.Manager,
                ["takenOver"] = i.TakenOver,
            }).ToArray()),
            ["orphans"] = new JsonArray(report.Orphans.Select(o => (JsonNode)new JsonObject { ["object"] = o }).ToArray()),
        };
        await _container.GetBlobClient(report.BlobName).UploadAsync(BinaryData.FromString(json.ToJsonString(Indented)), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest report of an app × cluster (report names sort by scan time), or null when there is none.</summary>
    public async Task<(string Blob, JsonObject Report)?> LatestAsync(string app, string cluster, CancellationToken cancellationToken)
    {
        string? newest = null;
        await foreach (var blob in _container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{app}/{cluster}/", cancellationToken).ConfigureAwait(false))
        {
            if (newest is null || string.CompareOrdinal(blob.Name, newest) > 0)
            {
                newest = blob.Name;
            }
        }

        return newest is null ? null : (newest, await ReadAsync(newest, cancellationToken).ConfigureAwait(false));
    }

    public async Task<JsonObject> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        var content = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(content.Value.Content.ToString())!.AsObject();
    }
}
