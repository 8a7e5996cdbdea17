using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// Parses a kustomization file strictly: unknown fields, and fields this renderer does not
/// implement (helmCharts, crds, ...), are errors naming the file, line and field.
/// </summary>
internal static partial class KustomizationParser
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "apiVersion", "kind", "metadata", "resources", "bases", "components", "namespace", "namePrefix", "nameSuffix",
        "commonLabels", "labels", "commonAnnotations", "images", "imageTags", "replicas", "patches",
        "patchesStrategicMerge", "patchesJson6902", "configMapGenerator", "secretGenerator", "generatorOptions",
        "sortOptions", "replacements", "transformers", "generators", "buildMetadata", "openapi", "vars", "configurations", "crds",
    };

    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "helmCharts", "helmGlobals", "helmChartInflationGenerator", "validators",
    };

    public static Kustomization Parse(string text, string file, string directory, RenderOptions options)
    {
        var docs = ManifestYaml.ParseDocuments(text, file, options);
        var roots = docs.Where(d => d.Root is not null).ToList();
        if (roots.Count == 0)
        {
            throw RenderException.At(file, null, "the kustomization is empty");
        }

        if (roots.Count != 1 || roots[0].Root is not JsonObject root)
        {
            throw RenderException.At(file, roots.Count > 1 ? roots[1].Line : 1, "a kustomization file must hold exactly one YAML mapping");
        }

        var r = new FieldReader(root, roots[0].Lines, file, string.Empty);
        r.CheckKeys(Supported, Unsupported);
        if (!root.Any(p => p.Key is not ("apiVersion" or "kind" or "metadata") && p.Value is not null
            && !(p.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>().Length == 0)))
        {
            // As kustomize: a kustomization that sets nothing is a mistake, not an empty build.
            throw RenderException.At(file, null, "the kustomization is empty");
        }

        var k = new Kustomization(file, directory);
        ReadHeader(r, k);
        k.Resources.AddRange(r.Paths("resources"));
        k.Resources.AddRange(r.Paths("bases"));
        k.Components.AddRange(r.Paths("components"));
        k.Namespace = r.String("namespace");
        k.NamePrefix = r.String("namePrefix");
        k.NameSuffix = r.String("nameSuffix");
        k.CommonLabels.AddRange(r.StringMap("commonLabels"));
        k.CommonAnnotations.AddRange(r.StringMap("commonAnnotations"));
        ReadLabels(r, k);
        ReadImages(r, "images", k);
        ReadImages(r, "imageTags", k);
        ReadReplicas(r, k);
        ReadPatches(r, k);
        ReadGenerators(r, k);
        ReadSortOptions(r, k);
        ReadReplacements(r, k);
        ReadBuildMetadata(r, k);
        if (r.Object("openapi", " in openapi") is { } openapi)
        {
            openapi.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "path", "version" });
            k.OpenApi = (openapi.String("path"), openapi.String("version"), r.LineOf("openapi"));
        }

        k.Transformers.AddRange(r.Paths("transformers"));
        k.Generators.AddRange(r.Paths("generators"));
        k.Configurations.AddRange(r.Paths("configurations"));
        k.Crds.AddRange(r.Paths("crds"));
        ReadVars(r, k);
        return k;
    }

    private static void ReadHeader(FieldReader r, Kustomization k)
    {
        var kind = r.String("kind");
        var apiVersion = r.String("apiVersion");
        switch (kind)
        {
            case null or "" or "Kustomization":
                if (apiVersion is not (null or "" or "kustomize.config.k8s.io/v1beta1"))
                {
                    throw r.Error("apiVersion", $"apiVersion \"{apiVersion}\" is not kustomize.config.k8s.io/v1beta1");
                }

                break;
            case "Component":
                if (apiVersion is not (null or "" or "kustomize.config.k8s.io/v1alpha1"))
                {
                    throw r.Error("apiVersion", $"apiVersion \"{apiVersion}\" is not kustomize.config.k8s.io/v1alpha1");
                }

                k.IsComponent = true;
                break;
            default:
                throw r.Error("kind", $"kind \"{kind}\" is neither Kustomization nor Component");
        }

        if (r.Object("metadata", " in metadata") is { } meta)
        {
            meta.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "name", "namespace", "annotations", "labels" });
        }
    }

    private static void ReadLabels(FieldReader r, Kustomization k)
    {
        foreach (var item in r.Objects("labels", " in a labels entry"))
        {
            item.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "pairs", "includeSelectors", "includeTemplates", "fields" });
            k.Labels.Add(new LabelsEntry(item.StringMap("pairs"), item.Bool("includeSelectors"), item.Bool("includeTemplates"), item.Line,
                FieldSpecs(item, "fields")));
        }
    }

    private static void ReadImages(FieldReader r, string key, Kustomization k)
    {
        foreach (var item in r.Objects(key, " in an images entry"))
        {
            item.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "name", "newName", "newTag", "digest", "tagSuffix" });
            k.Images.Add(new ImageEntry(item.RequiredString("name"), item.String("newName"), item.String("newTag"), item.String("digest"), item.Line,
                item.String("tagSuffix")));
        }
    }

    private static void ReadReplicas(FieldReader r, Kustomization k)
    {
        foreach (var item in r.Objects("replicas", " in a replicas entry"))
        {
            item.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "name", "count" });
            k.Replicas.Add(new ReplicaEntry(item.RequiredString("name"), item.Long("count") ?? 0, item.Line));
        }
    }

    private static void ReadBuildMetadata(FieldReader r, Kustomization k)
    {
        var values = r.Strings("buildMetadata");
        for (var i = 0; i < values.Count; i++)
        {
            var line = r.LineOf((r.Map["buildMetadata"] as JsonArray)?[i]) ?? r.LineOf("buildMetadata");
            switch (values[i])
            {
                case "originAnnotations" or "managedByLabel":
                    k.BuildMetadata.Add(values[i]);
                    break;
                case "transformerAnnotations":
                    k.BuildMetadata.Add(values[i]);
                    break;
                default:
                    throw RenderException.At(r.File, line, $"buildMetadata option \"{values[i]}\" is not one of originAnnotations, transformerAnnotations, managedByLabel");
            }
        }
    }

    private static void ReadSortOptions(FieldReader r, Kustomization k)
    {
        if (r.Object("sortOptions", " in sortOptions") is not { } so)
        {
            return;
        }

        so.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "order", "legacySortOptions" });
        var order = so.String("order") ?? "legacy";
        if (order is not ("legacy" or "fifo"))
        {
            throw so.Error("order", $"sortOptions.order must be legacy or fifo, not \"{order}\"");
        }

        List<string>? first = null, last = null;
        if (so.Object("legacySortOptions", " in legacySortOptions") is { } legacy)
        {
            if (order != "legacy")
            {
                throw so.Error("legacySortOptions", "legacySortOptions requires order: legacy");
            }

            legacy.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "orderFirst", "orderLast" });
            first = legacy.Strings("orderFirst");
            last = legacy.Strings("orderLast");
        }

        k.SortOptions = new SortOptions(order, first, last);
    }
}
