using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// Finds the fields a <see cref="FieldSpec"/> names in an object and hands each (its parent map and
/// key) to a visitor, creating missing maps when the spec says so.
/// </summary>
internal static class FieldWalker
{
    /// <summary>Visits the final field of <paramref name="spec"/> in <paramref name="body"/>.</summary>
    /// <param name="visit">Called with the map holding the field and the field's name; the field may be absent.</param>
    public static void Walk(JsonObject body, FieldSpec spec, Action<JsonObject, string> visit)
        => Walk(body, spec.Segments, 0, spec.Create, visit);

    private static void Walk(JsonNode node, string[] segments, int index, bool create, Action<JsonObject, string> visit)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array.ToArray())
            {
                if (item is not null)
                {
                    Walk(item, segments, index, create, visit);
                }
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        var segment = segments[index];
        var isList = segment.EndsWith("[]", StringComparison.Ordinal);
        var key = isList ? segment[..^2] : segment;
        if (index == segments.Length - 1)
        {
            if (obj[key] is not null || create)
            {
                visit(obj, key);
            }

            return;
        }

        var child = obj[key];
        if (child is null)
        {
            if (!create || isList)
            {
                return;
            }

            child = new JsonObject();
            obj[key] = child;
        }

        Walk(child, segments, index + 1, create, visit);
    }

    /// <summary>Sets string entries in the map at the field (creating the map when absent).</summary>
    public static void SetEntries(JsonObject parent, string key, IEnumerable<KeyValuePair<string, string>> entries)
    {
        if (parent[key] is not JsonObject map)
        {
            if (parent[key] is not null)
            {
                return;
            }

            map = new JsonObject();
            parent[key] = map;
        }

        foreach (var (k, v) in entries)
        {
            map[k] = v;
        }
    }
}
