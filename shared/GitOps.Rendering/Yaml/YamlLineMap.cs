using System.Text.Json.Nodes;

namespace GitOps.Rendering.Yaml;

/// <summary>Where the nodes and mapping keys of a parsed document sat in the source (1-based lines).</summary>
internal sealed class YamlLineMap
{
    private readonly Dictionary<JsonNode, int> _nodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonObject, Dictionary<string, int>> _keys = new(ReferenceEqualityComparer.Instance);

    public void AddNode(JsonNode node, int line) => _nodes.TryAdd(node, line);

    public void AddKey(JsonObject owner, string key, int line)
    {
        if (!_keys.TryGetValue(owner, out var lines))
        {
            lines = new Dictionary<string, int>(StringComparer.Ordinal);
            _keys[owner] = lines;
        }

        lines[key] = line;
    }

    /// <summary>The line a node starts on, when known.</summary>
    public int? LineOf(JsonNode? node) => node is not null && _nodes.TryGetValue(node, out var l) ? l : null;

    /// <summary>The line of a mapping key, falling back to the mapping's own line.</summary>
    public int? LineOf(JsonObject owner, string key)
        => _keys.TryGetValue(owner, out var lines) && lines.TryGetValue(key, out var l) ? l : LineOf(owner);
}
