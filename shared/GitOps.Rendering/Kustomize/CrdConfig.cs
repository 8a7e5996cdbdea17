using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// The legacy <c>crds:</c> field, as Kustomize v5.5 still reads it: each file maps Go type names to
/// OpenAPI definitions (<c>{Schema: {properties: ...}}</c>). A definition whose properties hold
/// <c>kind</c>, <c>apiVersion</c> and <c>metadata</c> is a kind (named by the type name's last part);
/// walking its properties (and their <c>$ref</c>s, which name other entries of the file), a property
/// marked <c>x-kubernetes-object-ref-kind</c>/<c>-api-version</c> refers by name (its
/// <c>x-kubernetes-object-ref-name-key</c> field, default <c>name</c>) to that kind; one marked
/// <c>x-kubernetes-annotation</c>, <c>x-kubernetes-label-selector</c> or <c>x-kubernetes-identity</c>
/// takes common annotations, common labels or the name prefix.
/// </summary>
internal static class CrdConfig
{
    public static TransformerConfig Parse(string text, string file, RenderOptions options)
    {
        var docs = ManifestYaml.ParseDocuments(text, file, options).Where(d => d.Root is not null).ToList();
        if (docs.Count != 1 || docs[0].Root is not JsonObject types)
        {
            throw RenderException.At(file, docs.Count > 1 ? docs[1].Line : 1, "a crds file must hold one mapping of type names to OpenAPI definitions");
        }

        var prefixes = new List<FieldSpec>();
        var labels = new List<FieldSpec>();
        var annotations = new List<FieldSpec>();
        var references = new List<NameReference>();
        foreach (var (name, definition) in types)
        {
            if (Properties(definition) is { } properties && properties.ContainsKey("kind") && properties.ContainsKey("apiVersion") && properties.ContainsKey("metadata"))
            {
                var kind = name[(name.LastIndexOfAny(['/', '.']) + 1)..];
                Walk(types, name, kind, [], [], prefixes, labels, annotations, references);
            }
        }

        return TransformerConfig.FromFile([.. prefixes], [], [], labels, [], annotations, references, [], [], []);
    }

    private static void Walk(
        JsonObject types, string typeName, string kind, List<string> path, HashSet<string> visiting,
        List<FieldSpec> prefixes, List<FieldSpec> labels, List<FieldSpec> annotations, List<NameReference> references)
    {
        if (!visiting.Add(typeName) || Properties(types[typeName]) is not { } properties)
        {
            return;
        }

        foreach (var (propertyName, node) in properties)
        {
            if (node is not JsonObject property)
            {
                continue;
            }

            var here = new List<string>(path) { propertyName };
            var at = string.Join('/', here);
            if (Text(property, "x-kubernetes-annotation") is not null)
            {
                annotations.Add(new FieldSpec(at, Kind: kind));
            }

            if (Text(property, "x-kubernetes-label-selector") is not null)
            {
                labels.Add(new FieldSpec(at, Kind: kind));
            }

            if (Text(property, "x-kubernetes-identity") is not null)
            {
                prefixes.Add(new FieldSpec(at, Kind: kind));
            }

            if (Text(property, "x-kubernetes-object-ref-api-version") is { } version && Text(property, "x-kubernetes-object-ref-kind") is { } refKind)
            {
                var nameKey = Text(property, "x-kubernetes-object-ref-name-key") ?? "name";
                references.Add(new NameReference(refKind, null, NullIfEmpty(version), [new FieldSpec($"{at}/{nameKey}", Kind: kind)]));
            }

            if (Text(property, "$ref") is { Length: > 0 } reference)
            {
                Walk(types, reference, kind, here, visiting, prefixes, labels, annotations, references);
            }
        }

        visiting.Remove(typeName);
    }

    private static JsonObject? Properties(JsonNode? definition)
        => (definition as JsonObject)?["Schema"] is JsonObject schema ? schema["properties"] as JsonObject : null;

    private static string? Text(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
