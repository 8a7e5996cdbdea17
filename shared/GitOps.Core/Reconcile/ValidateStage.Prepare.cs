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
    private static async Task<IReadOnlyList<DesiredObject>> PrepareAsync(
        ClusterClient cluster, AppDefinition app, IReadOnlyList<RenderedObject> rendered, CancellationToken cancellationToken)
    {
        var fromCrds = ResourcesDefinedBy(rendered);
        var problems = new List<StageProblem>();
        var prepared = new List<DesiredObject>(rendered.Count);
        foreach (var item in rendered)
        {
            var where = $"{item.Id} (from {item.SourceFile})";
            if (item.ApiVersion.Length == 0 || item.Kind.Length == 0 || item.Name.Length == 0)
            {
                problems.Add(new StageProblem(where, "apiVersion, kind and metadata.name are required."));
                continue;
            }

            var resource = await cluster.ResolveAsync(item.ApiVersion, item.Kind, cancellationToken).ConfigureAwait(false);
            string? definedBy = null;
            if (resource is null && fromCrds.TryGetValue((item.ApiVersion, item.Kind), out var defined))
            {
                (resource, definedBy) = defined;
            }

            if (resource is null)
            {
                problems.Add(new StageProblem(where, $"the cluster '{cluster.Name}' does not serve {item.Kind} in {item.ApiVersion}, and no CustomResourceDefinition in this revision defines it."));
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
