using System.Globalization;
using System.Text.Json.Nodes;
using KubeEmulator.Http;

namespace KubeEmulator.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy, test over RFC 6901 pointers.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw KubeErrors.BadRequest("the server rejected our request due to an error in our request: json patch must be an array of operations");
        }

        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = operation["op"]?.GetValue<string>() ?? "";
            var path = operation["path"]?.GetValue<string>() ?? "";
            switch (op)
            {
                case "add":
                    Add(target, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(target, path);
                    break;
                case "replace":
                    Remove(target, path);
                    Add(target, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                    var from = operation["from"]?.GetValue<string>() ?? "";
                    var moved = Get(target, from)?.DeepClone();
                    Remove(target, from);
                    Add(target, path, moved);
                    break;
                case "copy":
                    Add(target, path, Get(target, operation["from"]?.GetValue<string>() ?? "")?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(target, path), operation["value"]))
                    {
                        throw KubeErrors.Invalid422($"the server rejected our request due to an error in our request: testing value {path} failed");
                    }

                    break;
                default:
                    throw KubeErrors.BadRequest($"the server rejected our request due to an error in our request: unexpected kind: {op}");
            }
        }

        return target;
    }

    private static string[] Tokens(string pointer) =>
        pointer.Length == 0 ? [] : [.. pointer.TrimStart('/').Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~"))];

    private static JsonNode? Get(JsonNode root, string pointer)
    {
        JsonNode? current = root;
        foreach (var token in Tokens(pointer))
        {
            current = current switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when int.TryParse(token, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => throw Missing(pointer),
            };
        }

        return current;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string pointer)
    {
        var tokens = Tokens(pointer);
        if (tokens.Length == 0)
        {
            throw Missing(pointer);
        }

        var parent = Get(root, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0").Replace("/", "~1"))));
        return (parent ?? throw Missing(pointer), tokens[^1]);
    }

    private static void Add(JsonNode root, string pointer, JsonNode? value)
    {
        var (parent, last) = Parent(root, pointer);
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, CultureInfo.InvariantCulture, out var i) && i <= array.Count:
                array.Insert(i, value);
                break;
            default:
                throw Missing(pointer);
        }
    }

    private static void Remove(JsonNode root, string pointer)
    {
        var (parent, last) = Parent(root, pointer);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray array when int.TryParse(last, CultureInfo.InvariantCulture, out var i) && i < array.Count:
                array.RemoveAt(i);
                break;
            default:
                throw Missing(pointer);
        }
    }

    private static KubeStatusException Missing(string pointer) =>
        KubeErrors.Invalid422($"the server rejected our request due to an error in our request: doc is missing path: \"{pointer}\": missing value");
}
