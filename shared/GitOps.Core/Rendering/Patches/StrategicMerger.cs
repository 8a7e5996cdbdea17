using System.Text.Json.Nodes;

namespace GitOps.Core.Rendering.Patches;

/// <summary>
/// The recursive merge of a strategic merge patch into a copy of its target, following kustomize's
/// kyaml merge: maps merge key by key, a null value deletes a key, <c>$patch: delete|replace</c> act on
/// maps, lists merge according to <see cref="MergeField"/> or are replaced. Nulls and directives inside
/// content the target did not have are dropped, except inside replaced lists, which are copied verbatim.
/// </summary>
internal static class StrategicMerger
{
    public const string Directive = "$patch";

    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="dest"/>, which the caller owns and which is
    /// updated in place (null: a map the target lacks). Returns null when the patch deletes the map.
    /// </summary>
    public static JsonObject? MergeMap(JsonObject? dest, JsonObject patch, MergeSchema? schema, string path)
    {
        switch (DirectiveOf(patch, path))
        {
            case "delete":
                return null;
            case "replace":
                return MergeMap(null, WithoutDirective(patch), schema, path);
        }

        var result = dest ?? new JsonObject();
        foreach (var (key, patchValue) in patch)
        {
            if (key == Directive)
            {
                continue;
            }

            if (patchValue is null)
            {
                result.Remove(key);
                continue;
            }

            result.TryGetPropertyValue(key, out var destValue);
            var merged = MergeValue(destValue, patchValue, schema?.Field(key), $"{path}.{key}");
            if (merged is null)
            {
                result.Remove(key);
            }
            else if (!ReferenceEquals(merged, destValue))
            {
                result[key] = merged;
            }
        }

        return result;
    }

    /// <summary>Merges one patch value into the current value (owned by the caller); null deletes the field.</summary>
    public static JsonNode? MergeValue(JsonNode? dest, JsonNode patch, MergeField? field, string path)
    {
        switch (patch)
        {
            case JsonObject patchMap:
                if (dest is not null and not JsonObject)
                {
                    throw KindMismatch(path, "a map", dest);
                }

                return MergeMap(dest as JsonObject, patchMap, field?.Type, path);
            case JsonArray patchList:
                if (dest is not null and not JsonArray)
                {
                    throw KindMismatch(path, "a list", dest);
                }

                return MergeList(dest as JsonArray, patchList, field, path);
            default:
                if (dest is JsonObject or JsonArray)
                {
                    throw KindMismatch(path, "a scalar", dest);
                }

                return patch.DeepClone();
        }
    }

    /// <summary>The <c>$patch</c> directive of a map (lower-cased), or null.</summary>
    public static string? DirectiveOf(JsonObject map, string path)
    {
        if (!map.TryGetPropertyValue(Directive, out var node))
        {
            return null;
        }

        var text = JsonNodeText.ScalarText(node);
        return text switch
        {
            "delete" or "replace" or "merge" => text,
            _ => throw new StrategicMergeException($"{path}: unknown $patch directive '{node?.ToJsonString()}' (expected delete, replace or merge)"),
        };
    }

    public static JsonObject WithoutDirective(JsonObject map)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in map)
        {
            if (key != Directive)
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    private static JsonArray? MergeList(JsonArray? dest, JsonArray patch, MergeField? field, string path)
    {
        if (field is null || (!field.IsAssociativeList && !field.MergePrimitives))
        {
            return (JsonArray)patch.DeepClone();
        }

        return field.MergePrimitives
            ? MergePrimitiveSet(dest, patch)
            : AssociativeListMerger.Merge(dest, patch, field, path);
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
