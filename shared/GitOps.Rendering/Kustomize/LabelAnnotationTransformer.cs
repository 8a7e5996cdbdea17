using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary><c>labels</c>, <c>commonLabels</c> and <c>commonAnnotations</c>: string entries set at field specs.</summary>
internal static class LabelAnnotationTransformer
{
    /// <param name="tc">A <c>configurations</c>-merged config (its commonLabels and templateLabels specs); null: the defaults.</param>
    public static void ApplyLabels(ResourceMap map, Kustomization k, TransformerConfig? tc = null)
    {
        IEnumerable<FieldSpec> common = (IEnumerable<FieldSpec>?)tc?.CommonLabels ?? DefaultFieldSpecs.CommonLabels;
        foreach (var entry in k.Labels)
        {
            IEnumerable<FieldSpec> specs = entry.IncludeSelectors
                ? common
                : entry.IncludeTemplates
                    ? [.. (IEnumerable<FieldSpec>?)tc?.TemplateLabels ?? DefaultFieldSpecs.TemplateLabels, DefaultFieldSpecs.MetadataLabels]
                    : [DefaultFieldSpecs.MetadataLabels];
            Apply(map, entry.Pairs, entry.Fields is { Count: > 0 } fields ? [.. specs, .. fields] : specs);
        }

        Apply(map, k.CommonLabels, common);
    }

    public static void ApplyAnnotations(ResourceMap map, Kustomization k, TransformerConfig? tc = null)
        => Apply(map, k.CommonAnnotations, (IEnumerable<FieldSpec>?)tc?.CommonAnnotations ?? DefaultFieldSpecs.CommonAnnotations);

    /// <summary>Sets <paramref name="entries"/> at every field spec that selects a resource (LabelTransformer, AnnotationsTransformer).</summary>
    public static void Apply(ResourceMap map, List<KeyValuePair<string, string>> entries, IEnumerable<FieldSpec> specs)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var specList = specs as IReadOnlyList<FieldSpec> ?? specs.ToList();
        if (entries.Exists(e => e.Value.Contains("$(", StringComparison.Ordinal)))
        {
            ApplyRecordingShared(map, entries, specList);
            return;
        }

        foreach (var r in map.Items)
        {
            var id = r.CurrentId;
            foreach (var spec in specList)
            {
                if (spec.Selects(id))
                {
                    FieldWalker.Walk(r.Body, spec, (parent, key) => FieldWalker.SetEntries(parent, key, entries));
                }
            }
        }
    }

    /// <summary>As <see cref="Apply"/>, recording where entries holding <c>$(</c> were added as new keys (see <see cref="SharedEntry"/>).</summary>
    private static void ApplyRecordingShared(ResourceMap map, List<KeyValuePair<string, string>> entries, IReadOnlyList<FieldSpec> specList)
    {
        var withVars = entries.Where(e => e.Value.Contains("$(", StringComparison.Ordinal)).ToList();
        foreach (var r in map.Items)
        {
            var id = r.CurrentId;
            var shared = withVars.Select(e => new SharedEntry(e.Key, e.Value)).ToList();
            foreach (var spec in specList)
            {
                if (spec.Selects(id))
                {
                    FieldWalker.Walk(r.Body, spec, (parent, key) =>
                    {
                        var existing = (parent[key] as JsonObject)?.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                        FieldWalker.SetEntries(parent, key, entries);
                        if (parent[key] is JsonObject set)
                        {
                            foreach (var entry in shared)
                            {
                                if (existing?.Contains(entry.Key) != true)
                                {
                                    entry.MapPaths.Add(SharedEntry.PathOf(set));
                                }
                            }
                        }
                    });
                }
            }

            ((r.Vars ??= new()).SharedEntries ??= []).AddRange(shared.Where(e => e.MapPaths.Count > 1));
        }
    }
}

/// <summary>
/// A label or annotation a transformer added to several fields of one object. Kustomize adds it as one
/// YAML node to every field where the key was new, so a var replaced in one of them (metadata.labels)
/// shows in all (selectors, templates). Recorded only for values holding <c>$(</c>, by the paths of the
/// maps (a strategic merge patch keeps the node; a JSON patch, which goes through JSON, drops the sharing).
/// </summary>
internal sealed class SharedEntry(string key, string value)
{
    public string Key { get; } = key;

    /// <summary>The value the transformer set.</summary>
    public string Value { get; } = value;

    /// <summary>Where the maps the key was added to are: property names and list indexes from the object's root.</summary>
    public List<object[]> MapPaths { get; } = [];

    public static object[] PathOf(JsonNode node)
    {
        var path = new List<object>();
        for (var n = node; n.Parent is { } parent; n = parent)
        {
            path.Add(parent is JsonArray ? n.GetElementIndex() : n.GetPropertyName());
        }

        path.Reverse();
        return [.. path];
    }

    /// <summary>The map at <paramref name="path"/> in <paramref name="root"/>, if it is still there.</summary>
    public static JsonObject? MapAt(JsonObject root, object[] path)
    {
        JsonNode? n = root;
        foreach (var segment in path)
        {
            n = (n, segment) switch
            {
                (JsonObject o, string key) => o[key],
                (JsonArray a, int i) when i < a.Count => a[i],
                _ => null,
            };
        }

        return n as JsonObject;
    }
}
