using System.Text.Json.Nodes;
using KubeEmulator.Schema;

namespace KubeEmulator.Apply;

/// <summary>Finds and removes the value a <see cref="FieldPath"/> names inside an object.</summary>
internal static class PathNavigator
{
    public static bool TryResolve(JsonNode? root, FieldPath path, out JsonNode? value)
    {
        value = root;
        foreach (var element in path.Elements)
        {
            if (!TryStep(value, element, out var next, out _))
            {
                value = null;
                return false;
            }

            value = next;
        }

        return true;
    }

    /// <summary>Removes the field or list item at <paramref name="path"/>; false when it was not there.</summary>
    public static bool Remove(JsonNode? root, FieldPath path)
    {
        if (path.Depth == 0)
        {
            return false;
        }

        JsonNode? parent = root;
        for (var i = 0; i < path.Depth - 1; i++)
        {
            if (!TryStep(parent, path.Elements[i], out var next, out _))
            {
                return false;
            }

            parent = next;
        }

        var last = path.Elements[^1];
        if (!TryStep(parent, last, out _, out var index))
        {
            return false;
        }

        switch (parent)
        {
            case JsonObject obj:
                return obj.Remove(last[2..]);
            case JsonArray array when index >= 0:
                array.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }

    private static bool TryStep(JsonNode? current, string element, out JsonNode? next, out int index)
    {
        next = null;
        index = -1;
        var payload = element[2..];
        switch (element[0])
        {
            case 'f' when current is JsonObject obj:
                return obj.TryGetPropertyValue(payload, out next);
            case 'k' when current is JsonArray array:
                var key = JsonNode.Parse(payload) as JsonObject ?? [];
                var keys = key.Select(k => k.Key).ToList();
                for (var i = 0; i < array.Count; i++)
                {
                    if (ObjectSchema.KeyMatches(array[i], key, keys))
                    {
                        next = array[i];
                        index = i;
                        return true;
                    }
                }

                return false;
            case 'v' when current is JsonArray array:
                var wanted = JsonNode.Parse(payload);
                for (var i = 0; i < array.Count; i++)
                {
                    if (JsonNode.DeepEquals(array[i], wanted))
                    {
                        next = array[i];
                        index = i;
                        return true;
                    }
                }

                return false;
            case 'i' when current is JsonArray array && int.TryParse(payload, out var position) && position < array.Count:
                next = array[position];
                index = position;
                return true;
            default:
                return false;
        }
    }
}
