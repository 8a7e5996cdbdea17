using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>Builtin transformer and generator configs (<c>transformers:</c>, <c>generators:</c>).</summary>
internal static partial class KustomizationParser
{
    private static readonly HashSet<string> PluginHeader = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    /// <summary>Transformer kinds this renderer runs; other builtin kinds are errors naming the file.</summary>
    public static readonly IReadOnlySet<string> TransformerKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "PrefixSuffixTransformer", "LabelTransformer", "AnnotationsTransformer", "ImageTagTransformer",
        "PatchTransformer", "ReplicaCountTransformer", "ReplacementTransformer", "NamespaceTransformer", "HashTransformer",
    };

    /// <summary>Generator kinds this renderer runs.</summary>
    public static readonly IReadOnlySet<string> GeneratorKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "ConfigMapGenerator", "SecretGenerator",
    };

    /// <summary>The builtin configs of one file listed under transformers or generators of <paramref name="k"/>.</summary>
    public static List<BuiltinPlugin> ParsePlugins(string text, string file, Kustomization k, IReadOnlySet<string> kinds, RenderOptions options)
    {
        var result = new List<BuiltinPlugin>();
        foreach (var doc in ManifestYaml.ParseDocuments(text, file, options))
        {
            if (doc.Root is null)
            {
                continue;
            }

            if (doc.Root is not JsonObject map)
            {
                throw RenderException.At(file, doc.Line, "a transformer or generator config must be a map");
            }

            var r = new FieldReader(map, doc.Lines, file, string.Empty);
            var apiVersion = r.String("apiVersion");
            var kind = r.String("kind") ?? string.Empty;
            if (apiVersion != "builtin")
            {
                throw r.Error("apiVersion",
                    $"{kind} \"{apiVersion}\" is not a builtin config (apiVersion: builtin); exec, container and Helm plugins are not run by this renderer");
            }

            if (!kinds.Contains(kind))
            {
                throw r.Error("kind", $"builtin {kind} is not supported here (supported: {string.Join(", ", kinds.Order(StringComparer.Ordinal))})");
            }

            result.Add(Plugin(r, kind, new Kustomization(file, k.Directory)));
        }

        return result;
    }

    private static BuiltinPlugin Plugin(FieldReader r, string kind, Kustomization s)
    {
        var keys = new HashSet<string>(PluginHeader);
        List<FieldSpec>? specs = null;
        switch (kind)
        {
            case "PrefixSuffixTransformer":
                keys.UnionWith(["prefix", "suffix", "fieldSpecs"]);
                r.CheckKeys(keys);
                s.NamePrefix = r.String("prefix");
                s.NameSuffix = r.String("suffix");
                specs = FieldSpecs(r);
                break;
            case "LabelTransformer":
                keys.UnionWith(["labels", "fieldSpecs"]);
                r.CheckKeys(keys);
                s.CommonLabels.AddRange(r.StringMap("labels"));
                specs = FieldSpecs(r);
                break;
            case "AnnotationsTransformer":
                keys.UnionWith(["annotations", "fieldSpecs"]);
                r.CheckKeys(keys);
                s.CommonAnnotations.AddRange(r.StringMap("annotations"));
                specs = FieldSpecs(r);
                break;
            case "ImageTagTransformer":
                keys.UnionWith(["imageTag", "fieldSpecs"]);
                r.CheckKeys(keys);
                var image = r.Object("imageTag", " in imageTag") ?? throw RenderException.At(r.File, r.Line, "ImageTagTransformer needs imageTag");
                image.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "name", "newName", "newTag", "digest", "tagSuffix" });
                s.Images.Add(new ImageEntry(image.RequiredString("name"), image.String("newName"), image.String("newTag"), image.String("digest"), image.Line,
                    image.String("tagSuffix")));
                specs = FieldSpecs(r);
                break;
            case "ReplicaCountTransformer":
                keys.UnionWith(["replica", "fieldSpecs"]);
                r.CheckKeys(keys);
                var replica = r.Object("replica", " in replica") ?? throw RenderException.At(r.File, r.Line, "ReplicaCountTransformer needs replica");
                replica.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "name", "count" });
                s.Replicas.Add(new ReplicaEntry(replica.RequiredString("name"), replica.Long("count") ?? 0, replica.Line));
                specs = FieldSpecs(r);
                break;
            case "PatchTransformer":
                keys.UnionWith(["path", "patch", "target", "options"]);
                r.CheckKeys(keys);
                var options = new Patches.PatchOptions();
                if (r.Object("options", " in patch options") is { } o)
                {
                    o.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "allowNameChange", "allowKindChange" });
                    options = new Patches.PatchOptions { AllowNameChange = o.Bool("allowNameChange"), AllowKindChange = o.Bool("allowKindChange") };
                }

                s.Patches.Add(Patch(r, options));
                break;
            case "HashTransformer":
                r.CheckKeys(keys);
                break;
            case "NamespaceTransformer":
                keys.UnionWith(["fieldSpecs", "unsetOnly", "setRoleBindingSubjects"]);
                r.CheckKeys(keys);
                s.Namespace = r.Object("metadata", " in metadata")?.String("namespace");
                s.NamespaceUnsetOnly = r.Bool("unsetOnly");
                s.NamespaceSubjects = r.String("setRoleBindingSubjects") switch
                {
                    null or "" or "defaultOnly" => "defaultOnly",
                    "allServiceAccounts" => "allServiceAccounts",
                    "none" => "none",
                    var other => throw r.Error("setRoleBindingSubjects", $"setRoleBindingSubjects \"{other}\" is none of defaultOnly, allServiceAccounts, none"),
                };
                specs = FieldSpecs(r);
                break;
            case "ReplacementTransformer":
                keys.Add("replacements");
                r.CheckKeys(keys);
                ReadReplacements(r, s);
                break;
            default:
                keys.UnionWith(["behavior", "literals", "files", "envs", "env", "options"]);
                var isSecret = kind == "SecretGenerator";
                if (isSecret)
                {
                    keys.Add("type");
                }

                r.CheckKeys(keys);
                var meta = r.Object("metadata", " in metadata");
                var name = meta?.String("name") is { Length: > 0 } n ? n : throw RenderException.At(r.File, r.Line, $"{kind} needs metadata.name");
                var args = GeneratorFields(r, isSecret) with { Name = name, Namespace = meta.String("namespace") };
                (isSecret ? s.SecretGenerator : s.ConfigMapGenerator).Add(args);
                break;
        }

        return new BuiltinPlugin(kind, s, specs, r.Line) { Name = r.Map["metadata"] is JsonObject pm && pm["name"] is JsonValue pn && pn.TryGetValue<string>(out var pluginName) ? pluginName : null };
    }

    private static List<FieldSpec> FieldSpecs(FieldReader r, string key = "fieldSpecs")
    {
        var specs = new List<FieldSpec>();
        foreach (var item in r.Objects(key, $" in a {key} entry"))
        {
            item.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "path", "create", "group", "version", "kind" });
            var path = item.RequiredString("path");
            specs.Add(new FieldSpec(path, item.Bool("create"), NullIfEmpty(item.String("kind")), NullIfEmpty(item.String("group")), NullIfEmpty(item.String("version"))));
        }

        return specs;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
