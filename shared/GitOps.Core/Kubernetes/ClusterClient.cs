using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Kubernetes;

/// <summary>
/// One cluster's API, for any kind: discovery (cached for the life of this client, i.e. one run),
/// get, list, server-side apply and delete on JSON objects. Every error names the object.
/// </summary>
public sealed partial class ClusterClient : IDisposable
{
    private readonly KubeApiClient _api;
    private readonly ILogger _logger;
    private readonly DiscoveryCache _discovery;
    private readonly SemaphoreSlim _discoveryLock = new(1, 1);

    internal ClusterClient(string name, KubeApiClient api, DiscoveryCache discovery, ILogger logger)
    {
        Name = name;
        _api = api;
        _discovery = discovery;
        _logger = logger;
    }

    /// <summary>Items per page of a list request (the API server's <c>limit</c>). Default 500, as kubectl.</summary>
    public int ListPageSize { get; init; } = 500;

    public string Name { get; }

    /// <summary>The resource for <paramref name="apiVersion"/>/<paramref name="kind"/>, or null when the cluster does not serve it.</summary>
    public async Task<ResourceInfo?> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        var resources = await GetResourcesAsync(apiVersion, refresh: false, cancellationToken).ConfigureAwait(false);
        var found = resources.FirstOrDefault(r => r.Kind == kind);
        if (found is null)
        {
            // A CRD applied earlier in this run may have added the kind since the list was cached.
            resources = await GetResourcesAsync(apiVersion, refresh: true, cancellationToken).ConfigureAwait(false);
            found = resources.FirstOrDefault(r => r.Kind == kind);
        }

        return found;
    }

    public async Task<JsonObject?> GetAsync(ResourceInfo resource, string? ns, string name, CancellationToken cancellationToken)
    {
        var what = Describe(resource, ns, name);
        try
        {
            using var response = await _api.SendAsync(HttpMethod.Get, resource.ObjectPath(ns, name), null, cancellationToken).ConfigureAwait(false);
            return await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Failure(what, "get", e);
        }
    }

    /// <summary>
    /// Lists objects of a resource, in one namespace or all, optionally filtered by a label selector,
    /// page by page (<see cref="ListPageSize"/> items a request, following <c>continue</c>).
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceInfo resource, string? ns, string? labelSelector, CancellationToken cancellationToken)
    {
        var result = new List<JsonObject>();
        string? next = null;
        do
        {
            var query = $"?limit={ListPageSize}";
            if (!string.IsNullOrEmpty(labelSelector))
            {
                query += "&labelSelector=" + Uri.EscapeDataString(labelSelector);
            }

            if (next is not null)
            {
                query += "&continue=" + Uri.EscapeDataString(next);
            }

            try
            {
                using var response = await _api.SendAsync(HttpMethod.Get, resource.CollectionPath(ns) + query, null, cancellationToken).ConfigureAwait(false);
                var list = await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false);
                if (list?["items"] is JsonArray items)
                {
                    result.AddRange(items.OfType<JsonObject>());
                }

                next = (string?)list?["metadata"]?["continue"] is { Length: > 0 } token ? token : null;
            }
            catch (HttpOperationException e)
            {
                throw Failure($"{resource.Kind} list in {ns ?? "all namespaces"}", "list", e);
            }
        }
        while (next is not null);

        return result;
    }

    /// <summary>
    /// Server-side apply of <paramref name="obj"/> with <paramref name="fieldManager"/>. Returns the live
    /// object the server answered and whether the request created it (201).
    /// </summary>
    public async Task<(JsonObject Live, bool Created)> ApplyAsync(ResourceInfo resource, JsonObject obj, string fieldManager, bool force, bool dryRun, CancellationToken cancellationToken)
    {
        var metadata = obj["metadata"] as JsonObject;
        var ns = resource.Namespaced ? (string?)metadata?["namespace"] : null;
        var name = (string?)metadata?["name"] ?? string.Empty;
        var query = $"?fieldManager={Uri.EscapeDataString(fieldManager)}&force={(force ? "true" : "false")}{(dryRun ? "&dryRun=All" : string.Empty)}";
        var patch = new V1Patch(ApplyBody.Write(obj), V1Patch.PatchType.ApplyPatch);
        try
        {
            using var response = await _api.SendAsync(HttpMethod.Patch, resource.ObjectPath(ns, name) + query, patch, cancellationToken).ConfigureAwait(false);
            var live = await ReadObjectAsync(response, cancellationToken).ConfigureAwait(false)
                ?? throw new KubernetesApiException($"{Describe(resource, ns, name)}: apply returned no object.", response.StatusCode, null);
            return (live, response.StatusCode == HttpStatusCode.Created);
        }
        catch (HttpOperationException e)
        {
            throw Failure(Describe(resource, ns, name), "apply", e);
        }
    }

    /// <summary>The Status of a failed request, for callers that read its details (causes of a conflict).</summary>
    internal static JsonObject? StatusOf(KubernetesApiException e)
        => e.InnerException is HttpOperationException http ? TryParse(http.Response.Content) : null;

    /// <summary>Deletes an object (background propagation). Returns false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ResourceInfo resource, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _api.SendAsync(HttpMethod.Delete, resource.ObjectPath(ns, name) + "?propagationPolicy=Background", null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (HttpOperationException e)
        {
            throw Failure(Describe(resource, ns, name), "delete", e);
        }
    }

    public void Dispose()
    {
        _api.Dispose();
        _discoveryLock.Dispose();
    }

    private static string Describe(ResourceInfo resource, string? ns, string name)
        => new ObjectRef(resource.Group, resource.Kind, ns, name).ToString();

    private static async Task<JsonObject?> ReadObjectAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject;
    }

    private static JsonObject? TryParse(string? content)
    {
        try
        {
            return JsonNode.Parse(content ?? string.Empty) is JsonObject status && (string?)status["kind"] == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Turns the server's Status answer into an exception that names the object and the verb.</summary>
    private KubernetesApiException Failure(string what, string verb, HttpOperationException e)
    {
        string? message = null;
        string? reason = null;
        if (TryParse(e.Response.Content) is { } status)
        {
            message = (string?)status["message"];
            reason = (string?)status["reason"];
        }

        message ??= e.Response.ReasonPhrase ?? e.Message;
        _logger.LogDebug("{Object}: {Verb} answered {StatusCode} {Reason}", what, verb, (int)e.Response.StatusCode, reason);
        return new KubernetesApiException($"{what}: {verb} failed on cluster '{Name}': {(int)e.Response.StatusCode} {reason}: {message}", e.Response.StatusCode, reason, e);
    }
}
