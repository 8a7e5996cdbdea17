using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// <c>namespace:</c> sets metadata.namespace on every namespaced resource (overriding), renames v1
/// Namespace objects to it, and gives RoleBinding/ClusterRoleBinding subjects that are the
/// <c>default</c> ServiceAccount that namespace, as kustomize does.
/// </summary>
internal static class NamespaceTransformer
{
    /// <param name="configured">The namespace field specs of a <c>configurations</c>-merged config (null: the defaults).</param>
    public static void Apply(ResourceMap map, string? ns, string kustomizationFile, IReadOnlyList<FieldSpec>? configured = null)
    {
        if (string.IsNullOrEmpty(ns))
        {
            return;
        }

        var extras = configured is null ? DefaultFieldSpecs.NamespaceExtras : [.. Extras(configured)];
        foreach (var r in map.Items)
        {
            r.StorePreviousId();
            var id = r.CurrentId;
            if (id.Kind == "Namespace" && ObjectIdentity.GetString(r.Body, "apiVersion") == "v1")
            {
                r.SetName(ns);
            }
            else if (!id.IsClusterScoped)
            {
                r.SetNamespace(ns);
            }

            if (id.Kind is "RoleBinding" or "ClusterRoleBinding" && r.Body["subjects"] is JsonArray subjects)
            {
                foreach (var subject in subjects.OfType<JsonObject>())
                {
                    if (ObjectIdentity.GetString(subject, "kind") == "ServiceAccount" && ObjectIdentity.GetString(subject, "name") == "default")
                    {
                        subject["namespace"] = ns;
                    }
                }
            }

            foreach (var spec in extras)
            {
                if (spec.Selects(id))
                {
                    FieldWalker.Walk(r.Body, spec, (parent, key) => parent[key] = ns);
                }
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in map.Items)
        {
            if (!seen.Add(r.CurrentId.Key))
            {
                throw RenderException.At(kustomizationFile, null, $"namespace \"{ns}\" makes two resources {r.CurrentId} (one from {r.SourceFile})");
            }
        }

        map.Reindex();
    }

    /// <summary>A config's namespace specs without those the transformer handles itself (metadata.namespace, a Namespace's name).</summary>
    private static IEnumerable<FieldSpec> Extras(IReadOnlyList<FieldSpec> specs)
        => specs.Where(s => s.Path != "metadata/namespace" && !(s.Path == "metadata/name" && s.Kind == "Namespace"));
}
