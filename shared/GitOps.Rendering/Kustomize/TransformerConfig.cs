namespace GitOps.Rendering.Kustomize;

/// <summary>
/// Kustomize's transformer configuration (<c>configurations:</c> files merged with the defaults): the field
/// specs each builtin transformer of a kustomization uses, the name-reference table and the vars'
/// varReference fields. Merged as Kustomize's <c>TransformerConfig.Merge</c> does: a field spec is dropped
/// when the list already holds one with the same path whose group/version/kind the new one selects
/// (a spec without kind is dropped next to a kinded spec of the same path), a different <c>create</c>
/// is a conflict, and the lists are sorted after each merge (by kind rank, then group/version/kind).
/// A build whose kustomizations declare no configurations never makes one: null stands for the defaults.
/// </summary>
internal sealed class TransformerConfig
{
    public List<FieldSpec> NamePrefix { get; private init; } = [];

    public List<FieldSpec> NameSuffix { get; private init; } = [];

    public List<FieldSpec> Namespace { get; private init; } = [];

    public List<FieldSpec> CommonLabels { get; private init; } = [];

    public List<FieldSpec> TemplateLabels { get; private init; } = [];

    public List<FieldSpec> CommonAnnotations { get; private init; } = [];

    public List<NameReference> NameReference { get; private init; } = [];

    public List<FieldSpec> VarReference { get; private init; } = [];

    public List<FieldSpec> Images { get; private init; } = [];

    public List<FieldSpec> Replicas { get; private init; } = [];

    /// <summary>
    /// What the images transformer walks with this config: image volumes and the images specs. Kustomize's image
    /// filter never creates fields, whatever a spec's <c>create</c> says.
    /// </summary>
    public IReadOnlyList<FieldSpec> ImageSpecs => _imageSpecs ??= [.. Images.Select(s => s with { Create = false }), .. DefaultFieldSpecs.ImageVolumes];

    private List<FieldSpec>? _imageSpecs;

    /// <summary>Kustomize's defaults (MakeDefaultConfig).</summary>
    public static readonly TransformerConfig Default = new()
    {
        NamePrefix = [new("metadata/name")],
        NameSuffix = [new("metadata/name")],
        Namespace = [new("metadata/name", true, "Namespace"), .. DefaultFieldSpecs.NamespaceExtras],
        CommonLabels = [.. DefaultFieldSpecs.CommonLabels],
        TemplateLabels = [DefaultFieldSpecs.MetadataLabels, .. DefaultFieldSpecs.TemplateLabels],
        CommonAnnotations = [.. DefaultFieldSpecs.CommonAnnotations],
        NameReference = [.. NameReferenceSpecs.All],
        VarReference = [.. DefaultFieldSpecs.VarReference],
        Images = [.. DefaultFieldSpecs.ContainerImages],
        Replicas = [.. DefaultFieldSpecs.Replicas],
    };

    /// <summary>What an accumulator holds after merging the defaults into its empty config.</summary>
    public static readonly TransformerConfig SortedDefault = new TransformerConfig().Merge(Default, "(defaults)");

    /// <summary>
    /// The config of a <c>configurations:</c> file as Kustomize loads it (sorted); <paramref name="file"/>
    /// names it in errors.
    /// </summary>
    public static TransformerConfig FromFile(
        List<FieldSpec> namePrefix, List<FieldSpec> nameSuffix, List<FieldSpec> ns, List<FieldSpec> commonLabels,
        List<FieldSpec> templateLabels, List<FieldSpec> commonAnnotations, List<NameReference> nameReference,
        List<FieldSpec> varReference, List<FieldSpec> images, List<FieldSpec> replicas)
    {
        var c = new TransformerConfig
        {
            NamePrefix = namePrefix, NameSuffix = nameSuffix, Namespace = ns, CommonLabels = commonLabels,
            TemplateLabels = templateLabels, CommonAnnotations = commonAnnotations, NameReference = nameReference,
            VarReference = varReference, Images = images, Replicas = replicas,
        };
        c.Sort();
        return c;
    }

    /// <summary>A new config: <paramref name="input"/>'s specs merged into this one's, then sorted.</summary>
    public TransformerConfig Merge(TransformerConfig input, string file)
    {
        var merged = new TransformerConfig
        {
            NamePrefix = MergeAll(NamePrefix, input.NamePrefix, file),
            NameSuffix = MergeAll(NameSuffix, input.NameSuffix, file),
            Namespace = MergeAll(Namespace, input.Namespace, file),
            CommonAnnotations = MergeAll(CommonAnnotations, input.CommonAnnotations, file),
            CommonLabels = MergeAll(CommonLabels, input.CommonLabels, file),
            TemplateLabels = MergeAll(TemplateLabels, input.TemplateLabels, file),
            VarReference = MergeAll(VarReference, input.VarReference, file),
            NameReference = MergeReferences(NameReference, input.NameReference, file),
            Images = MergeAll(Images, input.Images, file),
            Replicas = MergeAll(Replicas, input.Replicas, file),
        };
        merged.Sort();
        return merged;
    }

    private void Sort()
    {
        foreach (var list in new[] { NamePrefix, NameSuffix, Namespace, CommonLabels, TemplateLabels, CommonAnnotations, VarReference, Images, Replicas })
        {
            SortStable(list, s => (s.Kind, s.Group, s.Version));
        }

        SortStable(NameReference, r => (r.Kind, r.Group, r.Version));
    }

    /// <summary>Kustomize's Gvk.IsLessThan: kinds ranked as in the legacy output order, then "group_version_kind".</summary>
    private static void SortStable<T>(List<T> list, Func<T, (string? Kind, string? Group, string? Version)> gvk)
    {
        if (list.Count < 2)
        {
            return;
        }

        var keyed = list.Select((item, index) => (item, index, key: Key(gvk(item)))).ToList();
        keyed.Sort((a, b) =>
        {
            var c = a.key.Rank.CompareTo(b.key.Rank);
            if (c == 0)
            {
                c = string.CompareOrdinal(a.key.Text, b.key.Text);
            }

            return c != 0 ? c : a.index.CompareTo(b.index);
        });
        list.Clear();
        list.AddRange(keyed.Select(k => k.item));
    }

    private static (int Rank, string Text) Key((string? Kind, string? Group, string? Version) gvk)
    {
        var kind = gvk.Kind ?? string.Empty;
        var rank = 0;
        var first = Array.IndexOf(ResourceSorter.DefaultFirst, kind);
        if (first >= 0)
        {
            rank = first - ResourceSorter.DefaultFirst.Length;
        }
        else if (Array.IndexOf(ResourceSorter.DefaultLast, kind) is var last and >= 0)
        {
            rank = last + 1;
        }

        var text = $"{(string.IsNullOrEmpty(gvk.Group) ? "~G" : gvk.Group)}_{(string.IsNullOrEmpty(gvk.Version) ? "~V" : gvk.Version)}_{(kind.Length == 0 ? "~K" : kind)}";
        return (rank, text);
    }

    private static List<FieldSpec> MergeAll(List<FieldSpec> existing, List<FieldSpec> incoming, string file)
    {
        var result = new List<FieldSpec>(existing);
        foreach (var x in incoming)
        {
            MergeOne(result, x, file);
        }

        return result;
    }

    /// <summary>Kustomize's FsSlice.MergeOne: already there when a spec of the same path is selected by the new one's group/version/kind.</summary>
    private static void MergeOne(List<FieldSpec> list, FieldSpec x, string file)
    {
        foreach (var s in list)
        {
            if (s.Path == x.Path && SelectedBy(s, x))
            {
                if (s.Create != x.Create)
                {
                    throw RenderException.At(file, null,
                        $"conflicting fieldspecs: path \"{x.Path}\"{Describe(x)} is listed with create {(x.Create ? "true" : "false")} and with create {(s.Create ? "true" : "false")}");
                }

                return;
            }
        }

        list.Add(x);
    }

    private static bool SelectedBy(FieldSpec s, FieldSpec selector)
        => (string.IsNullOrEmpty(selector.Group) || selector.Group == (s.Group ?? string.Empty))
            && (string.IsNullOrEmpty(selector.Version) || selector.Version == (s.Version ?? string.Empty))
            && (string.IsNullOrEmpty(selector.Kind) || selector.Kind == (s.Kind ?? string.Empty));

    private static string Describe(FieldSpec x)
        => string.IsNullOrEmpty(x.Kind) ? string.Empty : $" (kind {x.Kind})";

    private static List<NameReference> MergeReferences(List<NameReference> existing, List<NameReference> incoming, string file)
    {
        var result = new List<NameReference>(existing);
        foreach (var other in incoming)
        {
            var found = false;
            for (var i = 0; i < result.Count; i++)
            {
                var c = result[i];
                if ((c.Kind ?? string.Empty) == (other.Kind ?? string.Empty) && (c.Group ?? string.Empty) == (other.Group ?? string.Empty)
                    && (c.Version ?? string.Empty) == (other.Version ?? string.Empty))
                {
                    result[i] = c with { Referrers = [.. MergeAll([.. c.Referrers], [.. other.Referrers], file)] };
                    found = true;
                }
            }

            if (!found)
            {
                result.Add(other);
            }
        }

        return result;
    }
}
