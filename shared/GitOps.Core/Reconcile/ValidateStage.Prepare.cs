using System.Text.Json.Nodes;
using GitOps.Core.Apply;
using GitOps.Core.Kubernetes;
using GitOps.Core.Registry;
using GitOps.Rendering;

namespace GitOps.Core.Reconcile;

public sealed partial class ValidateStage
{
    /// <summary>
    /// Resolves every object against the cluster's discovery (or a CRD of the same revision), gives
    /// namespaced objects without one the app's namespace, adds the ownership label, and checks the
    /// app's tenancy. Fails listing every object that cannot be applied. The result is in apply order.
    /// </summary>
    private static Task<IReadOnlyList<DesiredObject>> PrepareAsync(
        ClusterClient cluster, AppDefinition app, IReadOnlyList<RenderedObject> rendered, CancellationToken cancellationToken)
        => PrepareAsync(
            $"the cluster '{cluster.Name}' does not serve",
            (apiVersion, kind, ct) => cluster.ResolveAsync(apiVersion, kind, ct),
            app,
            rendered,
            cancellationToken);

    /// <summary>
    /// <see cref="PrepareAsync(ClusterClient, AppDefinition, IReadOnlyList{RenderedObject}, CancellationToken)"/>
    /// with any way to resolve a kind: a cluster's discovery, or the built-in catalog for a check
    /// without a cluster (<c>gitops validate</c>).
    /// </summary>
    /// <param name="unknown">How a kind nobody serves is said: "the cluster 'x' does not serve".</param>
    public static async Task<IReadOnlyList<DesiredObject>> PrepareAsync(
        string unknown, Func<string, string, CancellationToken, Task<ResourceInfo?>> resolve, AppDefinition app, IReadOnlyList<RenderedObject> rendered, CancellationToken cancellationToken)
    {
        var fromCrds = ResourcesDefinedBy(rendered);
        var problems = new List<StageProblem>();
        var prepared = new List<DesiredObject>(rendered.Count);
        foreach (var item in rendered)
        {
            var where = $"{item.Id} (from {item.Location})";
            if (item.ApiVersion.Length == 0 || item.Kind.Length == 0 || item.Name.Length == 0)
            {
                problems.Add(new StageProblem(where, "apiVersion, kind and metadata.name are required."));
                continue;
            }

            if (NameProblem(item) is { } badName)
            {
                problems.Add(new StageProblem(where, badName));
                continue;
            }

            var resource = await resolve(item.ApiVersion, item.Kind, cancellationToken).ConfigureAwait(false);
            string? definedBy = null;
            if (resource is null && fromCrds.TryGetValue((item.ApiVersion, item.Kind), out var defined))
            {
                (resource, definedBy) = defined;
            }

            if (resource is null)
            {
                problems.Add(new StageProblem(where, $"{unknown} {item.Kind} in {item.ApiVersion}, and no CustomResourceDefinition in this revision defines it."));
                continue;
            }

            var body = item.Body.DeepClone().AsObject();
            var metadata = body["metadata"] as JsonObject ?? new JsonObject();
            body["metadata"] = metadata;
            if (resource.Namespaced && string.IsNullOrEmpty((string?)metadata["namespace"]))
            {
                if (string.IsNullOrEmpty(app.Namespace))
                {
                    problems.Add(new StageProblem(where, $"{item.Kind} is namespaced but names no namespace, and the app has no target namespace."));
                    continue;
                }

                metadata["namespace"] = app.Namespace;
            }
            else if (!resource.Namespaced && metadata["namespace"] is not null)
            {
                metadata.Remove("namespace");
            }

            var labels = metadata["labels"] as JsonObject ?? new JsonObject();
            metadata["labels"] = labels;
            labels[Ownership.AppLabel] = app.Name;
            var obj = new DesiredObject(ObjectRef.From(body) with { Group = resource.Group }, resource, body, item.SourceFile, definedBy);
            if (TenancyRules.Check(app, obj) is { } refused)
            {
                problems.Add(new StageProblem(where, refused));
                continue;
            }

            prepared.Add(obj);
        }

        if (problems.Count > 0)
        {
            throw new StageFailedException(ReconcileStage.Validate, problems);
        }

        return prepared
            .OrderBy(o => KindOrder.Key(o.Ref.Kind))
            .ThenBy(o => o.Ref.Namespace, StringComparer.Ordinal)
            .ThenBy(o => o.Ref.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>metadata.name and metadata.namespace as the API server requires them (DNS-1123 subdomain and label), or null.</summary>
    private static string? NameProblem(RenderedObject item)
    {
        if (item.Name.Length > 253 || !NamePattern().IsMatch(item.Name))
        {
            return $"metadata.name '{item.Name}' is not a valid name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters.";
        }

        return item.Namespace is { } ns && (ns.Length > 63 || !LabelPattern().IsMatch(ns))
            ? $"metadata.namespace '{ns}' is not a valid namespace: lowercase letters, digits and '-', at most 63 characters."
            : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial System.Text.RegularExpressions.Regex NamePattern();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial System.Text.RegularExpressions.Regex LabelPattern();

    /// <summary>Resources that CustomResourceDefinitions of the set will add, keyed by (apiVersion, kind), with the CRD's name.</summary>
    private static Dictionary<(string, string), (ResourceInfo Resource, string Crd)> ResourcesDefinedBy(IReadOnlyList<RenderedObject> rendered)
    {
        var result = new Dictionary<(string, string), (ResourceInfo, string)>();
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
                    result[($"{group}/{v}", kind)] = (new ResourceInfo(group, v, kind, plural, namespaced), crd.Name);
                }
            }
        }

        return result;
    }
}
