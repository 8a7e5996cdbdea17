using System.Text.Json.Nodes;

namespace GitOps.Rendering.Patches;

/// <summary>
/// The recursive merge of a strategic merge patch, modelled on kustomize's kyaml walker: the target (dest)
/// is updated in place; where the target has no value, or a <c>$patch: replace</c> applies, the patch node
/// itself becomes the value and is merged into itself, which drops its nulls and applies its nested
/// directives. Both trees must be private copies: the patch is consumed.
/// </summary>
internal static class StrategicMerger
{
    public const string Directive = "$patch";

    /// <summary>Merges <paramref name="origin"/> into <paramref name="dest"/> (null: absent). Returns null when the map is deleted.</summary>
    public static JsonObject? WalkMap(JsonObject? dest, JsonObject origin, MergeSchema? schema, string path)
    {
        var directive = TakeMapDirective(origin, path);
        if (directive == "delete")
        {
            return null;
        }

        if (dest is null || directive == "replace")
        {
            dest = origin;
        }

        foreach (var key in origin.Select(p => p.Key).ToList())
        {
            if (!origin.TryGetPropertyValue(key, out var originValue))
            {
                continue;
            }

            if (originValue is null)
            {
                dest.Remove(key);
                continue;
            }

            dest.TryGetPropertyValue(key, out var destValue);
            var merged = WalkValue(destValue, originValue, schema?.Field(key), $"{path}.{key}");
            if (merged is null)
            {
                dest.Remove(key);
            }
            else if (!ReferenceEquals(merged, destValue))
            {
                dest[key] = merged.Parent is null ? merged : merged.DeepClone();
            }
        }

        return dest;
    }

    /// <summary>Merges one patch value into the current one (null: absent); null means "remove the field".</summary>
    public static JsonNode? WalkValue(JsonNode? dest, JsonNode origin, MergeField? field, string path)
    {
        switch (origin)
        {
            case JsonObject originMap:
                return dest is null or JsonObject
                    ? WalkMap(dest as JsonObject, originMap, field?.Type, path)
                    : throw KindMismatch(path, "a map", dest);
            case JsonArray originList:
                return dest is null or JsonArray
                    ? WalkList(dest as JsonArray, originList, field, path)
                    : throw KindMismatch(path, "a list", dest);
            default:
                return dest is JsonObject or JsonArray ? throw KindMismatch(path, "a scalar", dest) : origin;
        }
    }

    /// <summary>Reads and removes a map's <c>$patch</c> directive; null when it has none.</summary>
    public static string? TakeMapDirective(JsonObject map, string path)
    {
        if (!map.TryGetPropertyValue(Directive, out var node))
        {
            return null;
        }

        var directive = CheckDirective(node, path);
        map.Remove(Directive);
        return directive;
    }

    /// <summary>
    /// kyaml's list directive: the first element holding <c>$patch</c> counts only when <c>$patch</c> is its sole
    /// key; then every element with that same directive is removed from the list.
    /// </summary>
    public static string? TakeListDirective(JsonArray list, string path)
    {
        var first = list.OfType<JsonObject>().FirstOrDefault(e => e.ContainsKey(Directive));
        if (first is null || first.Count > 1)
        {
            return null;
        }

        var directive = CheckDirective(first[Directive], path);
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i] is null
                || (list[i] is JsonObject element && (element.Count == 0 || JsonNodeText.ScalarText(element[Directive]) == directive)))
            {
                list.RemoveAt(i);
            }
        }

        return directive;
    }

    private static JsonNode? WalkList(JsonArray? dest, JsonArray origin, MergeField? field, string path)
    {
        if (field is null || (!field.IsAssociativeList && !field.MergePrimitives))
        {
            return origin;
        }

        if (field.MergePrimitives)
        {
            return MergePrimitiveSet(dest, origin);
        }

        if (dest is null)
        {
            return AssociativeListMerger.Merge(origin, origin, field, path);
        }

        return TakeListDirective(origin, path) switch
        {
            "delete" => null,
            "replace" => AssociativeListMerger.Merge(origin, origin, field, path),
            _ => AssociativeListMerger.Merge(dest, origin, field, path),
        };
    }

    /// <summary>Patch values first (in patch order), then the target's values the patch did not repeat.</summary>
    private static JsonArray MergePrimitiveSet(JsonArray? dest, JsonArray patch)
    {
        var result = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in patch.Concat(dest ?? []))
        {
            if (seen.Add(JsonNodeText.ScalarText(item) ?? item?.ToJsonString() ?? "null"))
            {
                result.Add(item?.DeepClone());
            }
        }

        return result;
    }

    private static string CheckDirective(JsonNode? node, string path)
    {
        var text = JsonNodeText.ScalarText(node);
        return text is "delete" or "replace" or "merge"
            ? text
            : throw new StrategicMergeException($"{path}: unknown $patch directive '{node?.ToJsonString()}' (expected delete, replace or merge)");
    }

    private static StrategicMergeException KindMismatch(string path, string patchKind, JsonNode dest)
    {
        var destKind = dest switch
        {
            JsonObject => "a map",
            JsonArray => "a list",
            _ => "a scalar",
        };
        return new StrategicMergeException($"{path}: the patch has {patchKind} where the target has {destKind}");
    }
}
