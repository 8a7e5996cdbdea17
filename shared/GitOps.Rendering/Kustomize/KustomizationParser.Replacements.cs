using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary><c>replacements</c> entries, inline or in files.</summary>
internal static partial class KustomizationParser
{
    private static readonly HashSet<string> SelectorKeys = new(StringComparer.Ordinal)
    {
        "group", "version", "kind", "name", "namespace",
    };

    private static void ReadReplacements(FieldReader r, Kustomization k)
    {
        foreach (var item in r.Objects("replacements", " in a replacements entry"))
        {
            var path = item.String("path");
            if (path is not null)
            {
                if (item.Map.ContainsKey("source") || item.Map.ContainsKey("targets"))
                {
                    throw RenderException.At(item.File, item.Line, "cannot specify both path and inline replacement");
                }

                item.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "path" });
                k.Replacements.Add(new ReplacementEntry(null, path, item.Line));
                continue;
            }

            k.Replacements.Add(new ReplacementEntry(Replacement(item), null, item.Line));
        }
    }

    /// <summary>The replacements of a <c>path:</c> file: one mapping or a list of them.</summary>
    public static List<Replacement> ParseReplacementFile(string text, string file, RenderOptions options)
    {
        var result = new List<Replacement>();
        foreach (var doc in ManifestYaml.ParseDocuments(text, file, options))
        {
            var items = doc.Root switch
            {
                null => [],
                JsonArray list => list.ToList(),
                var one => [one],
            };
            foreach (var item in items)
            {
                if (item is not JsonObject map)
                {
                    throw RenderException.At(file, doc.Lines.LineOf(item) ?? doc.Line, "a replacement must be a map with source and targets");
                }

                result.Add(Replacement(new FieldReader(map, doc.Lines, file, " in a replacement")));
            }
        }

        return result;
    }

    private static Replacement Replacement(FieldReader item)
    {
        item.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "source", "targets" });
        var s = item.Object("source", " in a replacement source")
            ?? throw RenderException.At(item.File, item.Line, "a replacement needs a source");
        s.CheckKeys(new HashSet<string>(SelectorKeys) { "fieldPath", "options" });
        var source = new ReplacementSource(Selector(s), s.String("fieldPath") is { Length: > 0 } fp ? fp : "metadata.name", ReplacementOptionsOf(s));

        var targets = new List<ReplacementTarget>();
        foreach (var t in item.Objects("targets", " in a replacement target"))
        {
            t.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "select", "reject", "fieldPaths", "options" });
            var select = t.Object("select", " in a replacement target select") is { } sel ? TargetSelector(sel) : null;
            var reject = t.Objects("reject", " in a replacement target reject").Select(TargetSelector).ToList();
            var paths = t.Strings("fieldPaths");
            targets.Add(new ReplacementTarget(select, reject, paths.Count == 0 ? ["metadata.name"] : paths, ReplacementOptionsOf(t)));
        }

        return new Replacement(source, targets, item.File, item.Line);
    }

    private static ReplacementSelector TargetSelector(FieldReader sel)
    {
        sel.CheckKeys(TargetKeys);
        return Selector(sel) with { LabelSelector = sel.String("labelSelector"), AnnotationSelector = sel.String("annotationSelector") };
    }

    private static ReplacementSelector Selector(FieldReader s)
        => new(s.String("group"), s.String("version"), s.String("kind"), s.String("name"), s.String("namespace"), null, null);

    private static ReplacementOptions? ReplacementOptionsOf(FieldReader owner)
    {
        if (owner.Object("options", " in replacement options") is not { } o)
        {
            return null;
        }

        o.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "delimiter", "index", "create" });
        return new ReplacementOptions(o.String("delimiter"), (int)(o.Long("index") ?? 0), o.Bool("create"));
    }
}
