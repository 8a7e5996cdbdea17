namespace GitOps.Rendering.Kustomize;

/// <summary><c>labels</c>, <c>commonLabels</c> and <c>commonAnnotations</c>: string entries set at field specs.</summary>
internal static class LabelAnnotationTransformer
{
    public static void ApplyLabels(ResourceMap map, Kustomization k)
    {
        foreach (var entry in k.Labels)
        {
            IEnumerable<FieldSpec> specs = entry.IncludeSelectors
                ? DefaultFieldSpecs.CommonLabels
                : entry.IncludeTemplates
                    ? [.. DefaultFieldSpecs.TemplateLabels, DefaultFieldSpecs.MetadataLabels]
                    : [DefaultFieldSpecs.MetadataLabels];
            Apply(map, entry.Pairs, entry.Fields is { Count: > 0 } fields ? [.. specs, .. fields] : specs);
        }

        Apply(map, k.CommonLabels, DefaultFieldSpecs.CommonLabels);
    }

    public static void ApplyAnnotations(ResourceMap map, Kustomization k)
        => Apply(map, k.CommonAnnotations, DefaultFieldSpecs.CommonAnnotations);

    /// <summary>Sets <paramref name="entries"/> at every field spec that selects a resource (LabelTransformer, AnnotationsTransformer).</summary>
    public static void Apply(ResourceMap map, List<KeyValuePair<string, string>> entries, IEnumerable<FieldSpec> specs)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var specList = specs as IReadOnlyList<FieldSpec> ?? specs.ToList();
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
}
