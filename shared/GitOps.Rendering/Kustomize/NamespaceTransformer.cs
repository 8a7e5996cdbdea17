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

    /// <summary>
    /// A builtin <c>NamespaceTransformer</c> config, as Kustomize runs it: <c>metadata.namespace</c> of
    /// every namespaced resource (whatever the config's field specs say about it), the other field specs
    /// (<c>metadata/name</c> of a <c>Namespace</c> renames it), and RoleBinding/ClusterRoleBinding
    /// ServiceAccount subjects by <paramref name="subjects"/> (<c>defaultOnly</c>, <c>allServiceAccounts</c>,
    /// <c>none</c>); with <paramref name="unsetOnly"/> a field that has a value keeps it.
    /// </summary>
    public static void ApplyConfig(ResourceMap map, string? ns, IReadOnlyList<FieldSpec> specs, bool unsetOnly, string subjects, string file)
    {
        if (string.IsNullOrEmpty(ns))
        {
            return;
        }

        foreach (var r in map.Items)
        {
            r.StorePreviousId();
            var id = r.CurrentId;
            if (!id.IsClusterScoped && !(unsetOnly && !string.IsNullOrEmpty(id.Namespace)))
            {
                r.SetNamespace(ns);
            }

            foreach (var spec in specs.Where(s => s.Path != "metadata/namespace" && s.Selects(id)))
            {
                if (spec.Path == "metadata/name")
                {
                    if (!unsetOnly)
                    {
                        r.SetName(ns);
                    }

                    continue;
                }

                FieldWalker.Walk(r.Body, spec, (parent, key) =>
                {
                    if (!unsetOnly || parent[key] is null || parent[key] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length == 0)
                    {
                        parent[key] = ns;
                    }
                });
            }

            if (subjects != "none" && id.Kind is "RoleBinding" or "ClusterRoleBinding" && r.Body["subjects"] is JsonArray list)
            {
                foreach (var subject in list.OfType<JsonObject>())
                {
                    if (ObjectIdentity.GetString(subject, "kind") == "ServiceAccount"
                        && (subjects == "allServiceAccounts" || ObjectIdentity.GetString(subject, "name") == "default")
                        && !(unsetOnly && !string.IsNullOrEmpty(ObjectIdentity.GetString(subject, "namespace"))))
                    {
                        subject["namespace"] = ns;
                    }
                }
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in map.Items)
        {
            if (!seen.Add(r.CurrentId.Key))
            {
                throw RenderException.At(file, null, $"namespace \"{ns}\" makes two resources {r.CurrentId} (one from {r.SourceFile})");
            }
        }

        map.Reindex();
    }

    /// <summary>A config's namespace specs without those the transformer handles itself (metadata.namespace, a Namespace's name).</summary>
    private static IEnumerable<FieldSpec> Extras(IReadOnlyList<FieldSpec> specs)
        => specs.Where(s => s.Path != "metadata/namespace" && !(s.Path == "metadata/name" && s.Kind == "Namespace"));
}
