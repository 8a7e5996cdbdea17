using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Rendering.Patches;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// Kustomize's field paths (kyaml's PathMatcher) as replacements and vars use them: dot-separated
/// fields, <c>[name=value]</c> list element selectors (dots inside brackets do not split), numeric list
/// indexes and <c>*</c> for every element. With <c>create</c>, missing maps, missing list elements
/// selected by <c>[key=value]</c> and the final field are created.
/// </summary>
internal static class FieldPath
{
    /// <summary>A place a path led to: a map and key, or a list and index.</summary>
    internal readonly record struct Slot(JsonNode Parent, string? Key, int Index)
    {
        public JsonNode? Value => Parent is JsonObject o ? o[Key!] : ((JsonArray)Parent)[Index];

        public void Set(JsonNode? value)
        {
            if (Parent is JsonObject o)
            {
                o[Key!] = value;
            }
            else
            {
                ((JsonArray)Parent)[Index] = value;
            }
        }
    }

    /// <summary>Kustomize's SmarterPathSplitter: splits on dots outside brackets.</summary>
    public static List<string> Split(string path)
    {
        var result = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            switch (path[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '.' when depth == 0:
                    result.Add(path[start..i]);
                    start = i + 1;
                    break;
            }
        }

        result.Add(path[start..]);
        return result;
    }

    /// <summary>The existing field at <paramref name="path"/> of a single-match path, or null.</summary>
    public static JsonNode? Lookup(JsonObject body, string path)
    {
        var slots = Find(body, path, createLeaf: null);
        return slots.Count > 0 ? slots[0].Value : null;
    }

    /// <summary>
    /// Every field <paramref name="path"/> leads to in <paramref name="body"/>. When
    /// <paramref name="createLeaf"/> is given, missing parts are created and a missing final field is
    /// set to what it returns.
    /// </summary>
    public static List<Slot> Find(JsonObject body, string path, Func<JsonNode?>? createLeaf)
    {
        var segments = Split(path);
        var result = new List<Slot>();
        Walk(body, segments, 0, createLeaf, result);
        return result;
    }

    private static void Walk(JsonNode node, List<string> segments, int index, Func<JsonNode?>? createLeaf, List<Slot> result)
    {
        var segment = segments[index];
        var last = index == segments.Count - 1;
        if (node is JsonArray array)
        {
            foreach (var slot in ListSlots(array, segment, createLeaf is not null))
            {
                Continue(slot, segments, index, createLeaf, result);
            }

            return;
        }

        if (node is not JsonObject obj || segment.StartsWith('['))
        {
            return;
        }

        if (segment == "*")
        {
            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                Continue(new Slot(obj, key, 0), segments, index, createLeaf, result);
            }

            return;
        }

        if (!obj.ContainsKey(segment))
        {
            if (createLeaf is null)
            {
                return;
            }

            obj[segment] = last ? createLeaf() : IsListSegment(segments[index + 1]) ? new JsonArray() : new JsonObject();
        }

        Continue(new Slot(obj, segment, 0), segments, index, createLeaf, result);
    }

    private static void Continue(Slot slot, List<string> segments, int index, Func<JsonNode?>? createLeaf, List<Slot> result)
    {
        if (index == segments.Count - 1)
        {
            result.Add(slot);
            return;
        }

        var child = slot.Value;
        if (child is null && createLeaf is not null)
        {
            child = IsListSegment(segments[index + 1]) ? new JsonArray() : new JsonObject();
            slot.Set(child);
        }

        if (child is not null)
        {
            Walk(child, segments, index + 1, createLeaf, result);
        }
    }

    private static bool IsListSegment(string segment)
        => segment.StartsWith('[') || segment == "-" || int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static IEnumerable<Slot> ListSlots(JsonArray array, string segment, bool create)
    {
        if (segment == "*")
        {
            return Enumerable.Range(0, array.Count).Select(i => new Slot(array, null, i)).ToList();
        }

        if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            return i < array.Count ? [new Slot(array, null, i)] : [];
        }

        if (!segment.StartsWith('[') || !segment.EndsWith(']') || segment.IndexOf('=') is var eq && eq < 0)
        {
            return [];
        }

        var key = segment[1..eq];
        var value = segment[(eq + 1)..^1];
        var matches = new List<Slot>();
        for (var n = 0; n < array.Count; n++)
        {
            var element = array[n];
            var text = key.Length == 0 ? JsonNodeText.ScalarText(element) : JsonNodeText.ScalarText((element as JsonObject)?[key]);
            if (text == value)
            {
                matches.Add(new Slot(array, null, n));
            }
        }

        if (matches.Count == 0 && create)
        {
            array.Add(key.Length == 0 ? JsonValue.Create(value) : new JsonObject { [key] = value });
            matches.Add(new Slot(array, null, array.Count - 1));
        }

        return matches;
    }
}
