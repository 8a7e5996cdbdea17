using System.Text.Json.Nodes;

namespace KubeEmulator.Serialization;

/// <summary>Small helpers over <see cref="JsonNode"/> trees used by every verb.</summary>
internal static class JsonTree
{
    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = new JsonObject();
            obj["metadata"] = metadata;
        }

        return metadata;
    }

    public static string? GetString(JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var segment in path)
        {
            current = (current as JsonObject)?[segment];
        }

        return current is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    public static long? GetLong(JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var segment in path)
        {
            current = (current as JsonObject)?[segment];
        }

        // Values built in code hold int/long/double; values parsed from requests hold JSON text. Read both.
        return current is JsonValue value
            && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? number
                : null;
    }

    public static JsonObject EnsureObject(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject child)
        {
            child = new JsonObject();
            parent[name] = child;
        }

        return child;
    }

    /// <summary>Sets <paramref name="name"/> only when it is absent (or null).</summary>
    public static void Default(JsonObject parent, string name, JsonNode? value)
    {
        if (parent[name] is null)
        {
            parent[name] = value;
        }
    }

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                result[key] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "";
            }
        }

        return result;
    }
}
