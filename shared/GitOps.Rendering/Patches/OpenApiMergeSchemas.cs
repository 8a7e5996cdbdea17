using System.Text.Json.Nodes;

namespace GitOps.Rendering.Patches;

/// <summary>
/// Merge schemas read from an OpenAPI (v2) document, as a kustomization's <c>openapi: {path: ...}</c>
/// gives Kustomize: each definition carrying <c>x-kubernetes-group-version-kind</c> is the schema of
/// that kind; list fields with <c>x-kubernetes-patch-strategy: merge</c> merge by
/// <c>x-kubernetes-patch-merge-key</c> (or by <c>x-kubernetes-list-map-keys</c> when it names several),
/// or as a set when their items are scalars; <c>$ref</c>s are followed. Like Kustomize, the document
/// replaces the built-in schema: a kind it does not define has none (every list is replaced).
/// </summary>
internal sealed class OpenApiMergeSchemas
{
    private readonly JsonObject _definitions;
    private readonly Dictionary<(string Group, string Version, string Kind), string> _kinds = [];
    private readonly Dictionary<string, MergeSchema?> _built = new(StringComparer.Ordinal);
    private readonly HashSet<string> _building = new(StringComparer.Ordinal);

    private OpenApiMergeSchemas(JsonObject definitions)
    {
        _definitions = definitions;
        foreach (var (name, definition) in definitions)
        {
            if (definition is JsonObject d && d["x-kubernetes-group-version-kind"] is JsonArray gvks)
            {
                foreach (var gvk in gvks.OfType<JsonObject>())
                {
                    _kinds.TryAdd((Text(gvk["group"]), Text(gvk["version"]), Text(gvk["kind"])), name);
                }
            }
        }
    }

    /// <summary>Reads the document; an error names <paramref name="file"/>.</summary>
    public static OpenApiMergeSchemas Parse(string text, string file, RenderOptions options)
    {
        var docs = ManifestYaml.ParseDocuments(text, file, options).Where(d => d.Root is not null).ToList();
        if (docs.Count != 1 || docs[0].Root is not JsonObject root)
        {
            throw RenderException.At(file, docs.Count > 1 ? docs[1].Line : 1, "an OpenAPI schema file must hold exactly one JSON or YAML mapping");
        }

        return root["definitions"] is JsonObject definitions
            ? new OpenApiMergeSchemas(definitions)
            : throw RenderException.At(file, docs[0].Line, "the OpenAPI schema has no \"definitions\" mapping");
    }

    public MergeSchema? For(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/');
        var (group, version) = slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return _kinds.TryGetValue((group, version, kind), out var name) ? Definition(name) : null;
    }

    private MergeSchema? Definition(string name)
    {
        if (_built.TryGetValue(name, out var built))
        {
            return built;
        }

        // A definition that contains itself (JSONSchemaProps) is cut where it recurses: no schema below.
        if (!_building.Add(name) || _definitions[name] is not JsonObject definition)
        {
            return null;
        }

        var schema = ObjectSchema(definition);
        _building.Remove(name);
        _built[name] = schema;
        return schema;
    }

    private JsonObject? Resolve(JsonNode? node, out string? reference)
    {
        reference = null;
        if (node is JsonObject o && Text(o["$ref"]) is { Length: > 0 } r)
        {
            const string prefix = "#/definitions/";
            reference = r.StartsWith(prefix, StringComparison.Ordinal) ? r[prefix.Length..] : null;
            return reference is null ? null : _definitions[reference] as JsonObject;
        }

        return node as JsonObject;
    }

    private MergeSchema? SchemaOf(JsonNode? node)
    {
        var resolved = Resolve(node, out var reference);
        return reference is not null ? Definition(reference) : resolved is null ? null : ObjectSchema(resolved);
    }

    private MergeSchema? ObjectSchema(JsonObject node)
    {
        if (node["properties"] is not JsonObject properties)
        {
            return null;
        }

        var fields = new Dictionary<string, MergeField>(StringComparer.Ordinal);
        foreach (var (name, property) in properties)
        {
            if (property is not JsonObject p)
            {
                continue;
            }

            var resolved = Resolve(p, out _) ?? p;
            if (Text(resolved["type"]) == "array" || resolved["items"] is not null)
            {
                var strategy = Text(p["x-kubernetes-patch-strategy"] ?? resolved["x-kubernetes-patch-strategy"]);
                var items = Resolve(resolved["items"], out _);
                var elementType = SchemaOf(resolved["items"]);
                if (!strategy.Split(',').Contains("merge", StringComparer.Ordinal))
                {
                    continue;
                }

                var key = Text(p["x-kubernetes-patch-merge-key"] ?? resolved["x-kubernetes-patch-merge-key"]);
                var mapKeys = (p["x-kubernetes-list-map-keys"] ?? resolved["x-kubernetes-list-map-keys"]) as JsonArray;
                if (mapKeys is { Count: > 1 })
                {
                    fields[name] = MergeField.ListBy(elementType, mapKeys.Select(k => Text(k)).ToArray());
                }
                else if (key.Length > 0)
                {
                    fields[name] = MergeField.ListBy(elementType, key);
                }
                else if (items?["properties"] is null)
                {
                    fields[name] = MergeField.PrimitiveSet();
                }
            }
            else if (SchemaOf(p) is { } type)
            {
                fields[name] = MergeField.Map(type);
            }
        }

        return new MergeSchema(fields);
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
