using System.Net;
using System.Text.Json.Nodes;
using GitOps.Core.Kubernetes;
using GitOps.Rendering;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Apply;

/// <summary>
/// Server-side apply of a rendered set, staged: cluster definitions (CRDs, Namespaces, cluster RBAC)
/// first, then everything else in a stable kind order. The whole set is dry-run first, so a set with
/// an invalid object applies nothing.
/// </summary>
public sealed partial class ServerSideApplier
{
    private readonly ILogger<ServerSideApplier> _logger;

    public ServerSideApplier(ILogger<ServerSideApplier> logger) => _logger = logger;

    /// <summary>
    /// Resolves every object against the cluster's discovery (or a CRD of the same set), gives
    /// namespaced objects without one <paramref name="defaultNamespace"/>, and adds the ownership
    /// label. Throws <see cref="ApplyValidationException"/> listing every object that cannot be applied.
    /// </summary>
    public async Task<IReadOnlyList<DesiredObject>> PrepareAsync(
        ClusterClient cluster, IReadOnlyList<RenderedObject> rendered, string app, string? defaultNamespace, CancellationToken cancellationToken)
    {
        var fromCrds = ResourcesDefinedBy(rendered);
        var problems = new List<string>();
        var prepared = new List<DesiredObject>(rendered.Count);
        foreach (var item in rendered)
        {
            var where = $"{item.Id} (from {item.SourceFile})";
            if (item.ApiVersion.Length == 0 || item.Kind.Length == 0 || item.Name.Length == 0)
            {
                problems.Add($"{where}: apiVersion, kind and metadata.name are required.");
                continue;
            }

            var resource = await cluster.ResolveAsync(item.ApiVersion, item.Kind, cancellationToken).ConfigureAwait(false)
                ?? fromCrds.GetValueOrDefault((item.ApiVersion, item.Kind));
            if (resource is null)
            {
                problems.Add($"{where}: the cluster '{cluster.Name}' does not serve {item.Kind} in {item.ApiVersion}, and no CustomResourceDefinition in this revision defines it.");
                continue;
            }

            var body = item.Body.DeepClone().AsObject();
            var metadata = body["metadata"] as JsonObject ?? new JsonObject();
            body["metadata"] = metadata;
            if (resource.Namespaced && string.IsNullOrEmpty((string?)metadata["namespace"]))
            {
                if (string.IsNullOrEmpty(defaultNamespace))
                {
                    problems.Add($"{where}: {item.Kind} is namespaced but names no namespace, and the app has no target namespace.");
                    continue;
                }

                metadata["namespace"] = defaultNamespace;
            }
            else if (!resource.Namespaced && metadata["namespace"] is not null)
            {
                metadata.Remove("namespace");
            }

            var labels = metadata["labels"] as JsonObject ?? new JsonObject();
            metadata["labels"] = labels;
            labels[Ownership.AppLabel] = app;
            prepared.Add(new DesiredObject(ObjectRef.From(body) with { Group = resource.Group }, resource, body, item.SourceFile));
        }

        if (problems.Count > 0)
        {
            throw new ApplyValidationException(problems);
        }

        return prepared
            .OrderBy(o => KindOrder.Key(o.Ref.Kind))
            .ThenBy(o => o.Ref.Namespace, StringComparer.Ordinal)
            .ThenBy(o => o.Ref.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Dry-runs then applies <paramref name="objects"/> (already in apply order). <paramref name="previous"/>
    /// maps object keys to the resourceVersion recorded in the inventory; an apply that leaves it unchanged
    /// is reported <see cref="ChangeAction.Unchanged"/>.
    /// </summary>
    public async Task<ChangeSet> ApplyAsync(
        ClusterClient cluster, IReadOnlyList<DesiredObject> objects, IReadOnlyDictionary<string, string> previous, bool force, CancellationToken cancellationToken)
    {
        await DryRunAsync(cluster, objects, force, cancellationToken).ConfigureAwait(false);

        var entries = new List<ChangeSetEntry>(objects.Count);
        foreach (var obj in objects)
        {
            JsonObject live;
            bool created;
            try
            {
                (live, created) = await cluster.ApplyAsync(obj.Resource, obj.Body, Ownership.FieldManager, force, dryRun: false, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e)
            {
                throw new ApplyFailedException(new ChangeSet(entries), e);
            }

            var resourceVersion = (string?)live["metadata"]?["resourceVersion"];
            var action = created ? ChangeAction.Created
                : previous.TryGetValue(obj.Ref.Key, out var before) && before == resourceVersion ? ChangeAction.Unchanged
                : ChangeAction.Configured;
            _logger.LogDebug("{Object} {Action}", obj.Ref.ToString(), action);
            entries.Add(new ChangeSetEntry(obj.Ref, action, obj.Resource.ApiVersion, resourceVersion, obj.Hash));
        }

        return new ChangeSet(entries);
    }

    private static async Task DryRunAsync(ClusterClient cluster, IReadOnlyList<DesiredObject> objects, bool force, CancellationToken cancellationToken)
    {
        var namespacesInSet = objects.Where(o => o.Ref.Kind == "Namespace" && o.Ref.Group.Length == 0).Select(o => o.Ref.Name).ToHashSet(StringComparer.Ordinal);
        var kindsInSet = objects.Where(o => o.Ref.Kind == "CustomResourceDefinition").Select(o => o.Body["spec"]?["names"]?["kind"]?.ToString()).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var obj in objects)
        {
            try
            {
                await cluster.ApplyAsync(obj.Resource, obj.Body, Ownership.FieldManager, force, dryRun: true, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.StatusCode == HttpStatusCode.NotFound
                && ((obj.Ref.Namespace is { } ns && namespacesInSet.Contains(ns)) || kindsInSet.Contains(obj.Ref.Kind)))
            {
                // Its namespace or its CRD is created by this same set in stage one: it cannot be dry-run before.
            }
            catch (KubernetesApiException e) when (e.IsPermanent)
            {
                problems.Add($"{obj.Ref} (from {obj.SourceFile}): {e.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ApplyValidationException(problems);
        }
    }

    /// <summary>Resources that CustomResourceDefinitions of the set will add, keyed by (apiVersion, kind).</summary>
    private static Dictionary<(string, string), ResourceInfo> ResourcesDefinedBy(IReadOnlyList<RenderedObject> rendered)
    {
        var result = new Dictionary<(string, string), ResourceInfo>();
        foreach (var crd in rendered.Where(r => r.Kind == "CustomResourceDefinition"))
        {
            var spec = crd.Body["spec"] as JsonObject;
            var group = (string?)spec?["group"];
            var kind = (string?)spec?["names"]?["kind"];
            var plural = (string?)spec?["names"]?["plural"];
            if (group is null || kind is null || plural is null)
            {
                continue;
            }

            var namespaced = (string?)spec!["scope"] != "Cluster";
            foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if ((string?)version["name"] is { } v)
                {
                    result[($"{group}/{v}", kind)] = new ResourceInfo(group, v, kind, plural, namespaced);
                }
            }
        }

        return result;
    }
}
