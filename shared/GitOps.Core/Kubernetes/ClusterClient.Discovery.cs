using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;

namespace GitOps.Core.Kubernetes;

public sealed partial class ClusterClient
{
    private async Task<IReadOnlyList<ResourceInfo>> GetResourcesAsync(string apiVersion, bool refresh, CancellationToken cancellationToken)
    {
        await _discoveryLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!refresh && _discovery.TryGetValue(apiVersion, out var cached))
            {
                return cached;
            }

            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            var group = slash < 0 ? string.Empty : apiVersion[..slash];
            var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
            var path = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            IReadOnlyList<ResourceInfo> resources;
            try
            {
                using var response = await _api.SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
                var list = await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false);
                resources = (list?["resources"] as JsonArray ?? [])
                    .OfType<JsonObject>()
                    .Where(r => ((string?)r["name"])?.Contains('/', StringComparison.Ordinal) == false)
                    .Select(r => new ResourceInfo(group, version, (string)r["kind"]!, (string)r["name"]!, (bool?)r["namespaced"] ?? false))
                    .ToList();
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                resources = [];
            }
            catch (HttpOperationException e)
            {
                throw Failure($"discovery of {apiVersion}", "get", e);
            }

            _discovery[apiVersion] = resources;
            return resources;
        }
        finally
        {
            _discoveryLock.Release();
        }
    }
}
