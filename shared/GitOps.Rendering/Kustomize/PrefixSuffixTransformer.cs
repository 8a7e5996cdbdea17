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
}
