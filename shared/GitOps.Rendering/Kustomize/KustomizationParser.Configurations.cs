using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary><c>vars</c> entries and <c>configurations:</c> files.</summary>
internal static partial class KustomizationParser
{
    private static readonly HashSet<string> FieldSpecLists = new(StringComparer.Ordinal)
    {
        "namePrefix", "nameSuffix", "namespace", "commonLabels", "templateLabels", "commonAnnotations",
        "nameReference", "varReference", "images", "replicas",
    };

    private static void ReadVars(FieldReader r, Kustomization k)
    {
        foreach (var item in r.Objects("vars", " in a vars entry"))
        {
            item.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "name", "objref", "objRef", "fieldref", "fieldRef" });
            var name = item.RequiredString("name");
            var o = item.Object("objref", " in a var's objref") ?? item.Object("objRef", " in a var's objref")
                ?? throw RenderException.At(item.File, item.Line, $"var \"{name}\" needs an objref");
            o.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "apiVersion", "group", "version", "kind", "name", "namespace" });
            var group = o.String("group") ?? string.Empty;
            var version = o.String("version") ?? string.Empty;
            if (o.String("apiVersion") is { Length: > 0 } apiVersion)
            {
                // As Kustomize's Target.GVK: "group/version" sets both, a single part is the version.
                var parts = apiVersion.Split('/');
                if (parts.Length == 2)
                {
                    (group, version) = (parts[0], parts[1]);
                }
                else if (parts.Length == 1)
                {
                    version = parts[0];
                }
            }

            var fieldPath = string.Empty;
            if ((item.Object("fieldref", " in a var's fieldref") ?? item.Object("fieldRef", " in a var's fieldref")) is { } f)
            {
                f.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "fieldPath", "fieldpath" });
                fieldPath = f.String("fieldPath") ?? f.String("fieldpath") ?? string.Empty;
            }

            var objRef = new VarObjRef(group, version, o.String("kind") ?? string.Empty, o.String("name") ?? string.Empty, o.String("namespace") ?? string.Empty);
            k.Vars.Add(new Var(name, objRef, fieldPath.Length == 0 ? "metadata.name" : fieldPath, k.File, item.Line));
        }
    }

    /// <summary>
    /// A <c>configurations:</c> file: lists of field specs per transformer (and <c>nameReference</c>
    /// entries, a kind and its referring field specs). Unknown fields are errors naming the file and line.
    /// </summary>
    public static TransformerConfig ParseConfiguration(string text, string file, RenderOptions options)
    {
        var docs = ManifestYaml.ParseDocuments(text, file, options).Where(d => d.Root is not null).ToList();
        if (docs.Count > 1)
        {
            throw RenderException.At(file, docs[1].Line, "a transformer configuration file must hold one YAML document");
        }

        if (docs.Count == 0)
        {
            return TransformerConfig.FromFile([], [], [], [], [], [], [], [], [], []);
        }

        if (docs[0].Root is not JsonObject root)
        {
            throw RenderException.At(file, docs[0].Line, "a transformer configuration must be a map of field spec lists (namePrefix, nameReference, varReference, ...)");
        }

        var r = new FieldReader(root, docs[0].Lines, file, " in a transformer configuration (known: " + string.Join(", ", FieldSpecLists) + ")");
        r.CheckKeys(FieldSpecLists);
        var references = new List<NameReference>();
        foreach (var item in r.Objects("nameReference", " in a nameReference entry"))
        {
            item.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "group", "version", "kind", "fieldSpecs" });
            references.Add(new NameReference(item.String("kind") ?? string.Empty, NullIfEmpty(item.String("group")), NullIfEmpty(item.String("version")),
                [.. FieldSpecs(item)]));
        }

        return TransformerConfig.FromFile(
            FieldSpecs(r, "namePrefix"), FieldSpecs(r, "nameSuffix"), FieldSpecs(r, "namespace"), FieldSpecs(r, "commonLabels"),
            FieldSpecs(r, "templateLabels"), FieldSpecs(r, "commonAnnotations"), references, FieldSpecs(r, "varReference"),
            FieldSpecs(r, "images"), FieldSpecs(r, "replicas"));
    }
}
