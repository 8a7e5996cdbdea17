using System.Text;
using System.Text.Json.Nodes;
using GitOps.Rendering.Yaml;

namespace GitOps.Rendering;

/// <summary>Reads and writes Kubernetes manifests as YAML streams, typed as Kubernetes and Kustomize type them.</summary>
public static class ManifestYaml
{
    /// <summary>
    /// Parses a multi-document YAML (or JSON) stream into objects: empty documents are skipped,
    /// <c>List</c> kinds are flattened into their items, scalars get Kubernetes' types. Errors are
    /// <see cref="RenderException"/>s whose message starts with <c>fileName:line:</c>.
    /// </summary>
    public static IReadOnlyList<JsonObject> Parse(string yaml, string fileName) => Parse(yaml, fileName, new RenderOptions());

    /// <summary>As <see cref="Parse(string, string)"/>, with explicit limits.</summary>
    public static IReadOnlyList<JsonObject> Parse(string yaml, string fileName, RenderOptions options)
        => ParseWithLines(yaml, fileName, options).Select(d => d.Body).ToList();

    /// <summary>As <see cref="Parse(string, string, RenderOptions)"/>, with the line each object starts at (for messages that name file and line).</summary>
    public static IReadOnlyList<(JsonObject Body, int Line)> ParseWithLines(string yaml, string fileName, RenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(options);
        var result = new List<(JsonObject Body, int Line)>();
        foreach (var doc in new YamlReader(yaml, fileName, options).ReadAll())
        {
            switch (doc.Root)
            {
                case null:
                    continue;
                case JsonObject obj:
                    AddFlattened(result, obj, fileName, doc, doc.Line);
                    break;
                default:
                    throw RenderException.At(fileName, doc.Line, "a YAML document must be a mapping (a Kubernetes object)");
            }
        }

        return result;
    }

    /// <summary>
    /// Writes objects as a YAML stream separated by <c>---</c>, formatted as <c>kubectl kustomize</c>
    /// formats its output.
    /// </summary>
    public static string Write(IEnumerable<JsonObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var sb = new StringBuilder();
        var emitter = new YamlEmitter(sb);
        var first = true;
        foreach (var obj in objects)
        {
            if (!first)
            {
                sb.Append("---\n");
            }

            first = false;
            emitter.WriteDocument(obj);
        }

        return sb.ToString();
    }

    /// <summary>Writes one node (any JSON value) as a YAML document.</summary>
    internal static string WriteNode(JsonNode? node)
    {
        var sb = new StringBuilder();
        new YamlEmitter(sb).WriteDocument(node);
        return sb.ToString();
    }

    internal static IReadOnlyList<YamlDocument> ParseDocuments(string yaml, string fileName, RenderOptions options, bool rawScalars = false)
        => new YamlReader(yaml, fileName, options, rawScalars).ReadAll();

    private static void AddFlattened(List<(JsonObject Body, int Line)> result, JsonObject obj, string fileName, YamlDocument doc, int line)
    {
        var kind = ObjectIdentity.GetString(obj, "kind");
        if (kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
        {
            foreach (var item in items.ToArray())
            {
                if (item is not JsonObject child)
                {
                    throw RenderException.At(fileName, doc.Lines.LineOf(item) ?? doc.Line, $"an item of {kind} is not an object");
                }

                items.Remove(child);
                AddFlattened(result, child, fileName, doc, doc.Lines.LineOf(child) ?? line);
            }

            return;
        }

        result.Add((obj, line));
    }
}
