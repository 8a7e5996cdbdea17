using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;

namespace GitOps.Core.Kubernetes;

public sealed partial class ClusterClient
{
    /// <summary>
    /// Every resource the cluster serves in each group's preferred version (core v1 included), for the
    /// rare questions that need all of them (what else lives in a namespace before it is pruned).
    /// </summary>
    public async Task<IReadOnlyList<ResourceInfo>> ListServedResourcesAsync(CancellationToken cancellationToken)
    {
        var result = new List<ResourceInfo>(await GetResourcesAsync("v1", refresh: false, cancellationToken).ConfigureAwait(false));
        JsonObject? groups;
        try
        {
            using var response = await _api.SendAsync(HttpMethod.Get, "/apis", null, cancellationToken).ConfigureAwait(false);
            groups = await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw Failure("discovery of API groups", "get", e);
        }

        foreach (var group in (groups?["groups"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((string?)group["preferredVersion"]?["groupVersion"] is { } groupVersion)
            {
                result.AddRange(await GetResourcesAsync(groupVersion, refresh: false, cancellationToken).ConfigureAwait(false));
            }
        }

        return result;
    }

    private async Task<IReadOnlyList<ResourceInfo>> GetResourcesAsync(string apiVersion, bool refresh, CancellationToken cancellationToken)
    {
        await _discoveryLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!refresh && _discovery.TryGet(apiVersion, out var cached))
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
                    .Select(r => new ResourceInfo(group, version, (string)r["kind"]!, (string)r["name"]!, (bool?)r["namespaced"] ?? false)
                    {
                        Listable = (r["verbs"] as JsonArray)?.Any(v => (string?)v == "list") ?? true,
                    })
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

            _discovery.Set(apiVersion, resources);
            return resources;
        }
        finally
        {
            _discoveryLock.Release();
        }
    }
}
