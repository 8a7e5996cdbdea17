namespace GitOps.Rendering.Kustomize;

/// <summary>
/// <c>namePrefix</c>/<c>nameSuffix</c>: renames every resource except CustomResourceDefinitions,
/// APIServices and Namespaces, remembering the old name so references can be fixed at the end.
/// </summary>
internal static class PrefixSuffixTransformer
{
    public static void Apply(ResourceMap map, string? prefix, string? suffix)
    {
        prefix ??= string.Empty;
        suffix ??= string.Empty;
        if (prefix.Length == 0 && suffix.Length == 0)
        {
            return;
        }

        foreach (var r in map.Items)
        {
            var id = r.OriginalId;
            if (id.Kind is "CustomResourceDefinition" or "Namespace" || (id.Kind == "APIService" && id.Group == "apiregistration.k8s.io"))
            {
                continue;
            }

            if (prefix.Length > 0)
            {
                r.Prefixes.Add(prefix);
            }

            if (suffix.Length > 0)
            {
                r.Suffixes.Add(suffix);
            }

            r.StorePreviousId();
            r.SetName(prefix + r.Name + suffix);
        }

        map.Reindex();
    }

    /// <summary>
    /// namePrefix then nameSuffix with the field specs of a <c>configurations</c>-merged config, as
    /// Kustomize's prefix and suffix transformers run with them (a <c>metadata/name</c> spec is a rename).
    /// </summary>
    public static void ApplyConfigured(ResourceMap map, string? prefix, string? suffix, TransformerConfig tc)
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            // The prefix and suffix filters never create fields.
            Apply(map, prefix, null, [.. tc.NamePrefix.Select(s => s with { Create = false })]);
        }

        if (!string.IsNullOrEmpty(suffix))
        {
            Apply(map, null, suffix, [.. tc.NameSuffix.Select(s => s with { Create = false })]);
        }
    }

    /// <summary>
    /// A PrefixSuffixTransformer config: the prefix and suffix go on every string field its field specs
    /// select (by the resource's original id); a <c>metadata/name</c> spec is a rename that references follow.
    /// </summary>
    public static void Apply(ResourceMap map, string? prefix, string? suffix, IReadOnlyList<FieldSpec> specs)
    {
        prefix ??= string.Empty;
        suffix ??= string.Empty;
        foreach (var r in map.Items)
        {
            var id = r.OriginalId;
            if (id.Kind is "CustomResourceDefinition" or "Namespace" || (id.Kind == "APIService" && id.Group == "apiregistration.k8s.io"))
            {
                continue;
            }

            foreach (var spec in specs)
            {
                if (!spec.Selects(id))
                {
                    continue;
                }

                if (spec.Path == "metadata/name")
                {
                    if (prefix.Length > 0)
                    {
                        r.Prefixes.Add(prefix);
                    }

                    if (suffix.Length > 0)
                    {
                        r.Suffixes.Add(suffix);
                    }

                    if (prefix.Length > 0 || suffix.Length > 0)
                    {
                        r.StorePreviousId();
                    }
                }

                FieldWalker.Walk(r.Body, spec, (parent, key) =>
                {
                    if (parent[key] is System.Text.Json.Nodes.JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
                    {
                        parent[key] = prefix + v.GetValue<string>() + suffix;
                    }
                });
            }
        }

        map.Reindex();
    }
}
