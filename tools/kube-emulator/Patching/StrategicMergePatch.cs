using System.Text.Json.Nodes;
using KubeEmulator.Apply;
using KubeEmulator.Schema;

namespace KubeEmulator.Patching;

/// <summary>
/// A reasonable strategic merge patch: maps merge, null deletes, lists known to be keyed
/// (containers, env, ports, volumes, volumeMounts, ...) merge by key, other lists replace.
/// Honours <c>$patch: delete|replace|merge</c> and <c>$deleteFromPrimitiveList/</c> / <c>$setElementOrder/</c> (the latter ignored).
/// </summary>
internal static class StrategicMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, string fieldName = "")
    {
        switch (patch)
        {
            case JsonObject patchObject:
                if (patchObject["$patch"]?.GetValue<string>() == "replace")
                {
                    var replaced = (JsonObject)patchObject.DeepClone();
                    replaced.Remove("$patch");
                    return replaced;
                }

                var result = target as JsonObject ?? new JsonObject();
                foreach (var (name, value) in patchObject)
                {
                    if (name.StartsWith("$setElementOrder/", StringComparison.Ordinal) || name is "$patch" or "$retainKeys")
                    {
                        continue;
                    }

                    if (name.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
                    {
                        var listName = name["$deleteFromPrimitiveList/".Length..];
                        if (result[listName] is JsonArray primitives && value is JsonArray toDelete)
                        {
                            foreach (var item in primitives.Where(p => toDelete.Any(d => JsonNode.DeepEquals(d, p))).ToList())
                            {
                                primitives.Remove(item);
                            }
                        }

                        continue;
                    }

                    if (value is null)
                    {
                        result.Remove(name);
                        continue;
                    }

                    result.TryGetPropertyValue(name, out var existing);
                    var merged = Apply(existing, value, name);
                    if (!ReferenceEquals(merged, existing))
                    {
                        result[name] = merged;
                    }
                }

                return result;
            case JsonArray patchArray when target is JsonArray targetArray:
                var (type, keys) = ObjectSchema.Classify(fieldName, patchArray, targetArray);
                return type switch
                {
                    ListType.Map => MergeKeyed(targetArray, patchArray, keys),
                    ListType.Set => Union(targetArray, patchArray),
                    _ => StripDirectives(patchArray),
                };
            case JsonArray patchArray:
                return StripDirectives(patchArray);
            default:
                return patch?.DeepClone();
        }
    }

    private static JsonArray MergeKeyed(JsonArray target, JsonArray patch, IReadOnlyList<string> keys)
    {
        foreach (var item in patch)
        {
            var key = ObjectSchema.ItemKey(item, keys);
            var index = key is null ? -1 : ApplyMerger.IndexOf(target, key, keys);
            var directive = item?["$patch"]?.GetValue<string>();
            if (directive == "delete")
            {
                if (index >= 0)
                {
                    target.RemoveAt(index);
                }

                continue;
            }

            if (index < 0)
            {
                target.Add(StripDirectives(item));
                continue;
            }

            var merged = Apply(target[index], item);
            if (!ReferenceEquals(merged, target[index]))
            {
                target[index] = merged;
            }
        }

        return target;
    }

    private static JsonArray Union(JsonArray target, JsonArray patch)
    {
        foreach (var item in patch.Where(i => !target.Any(t => JsonNode.DeepEquals(t, i))))
        {
            target.Add(item?.DeepClone());
        }

        return target;
    }

    private static JsonArray StripDirectives(JsonArray array) => new([.. array.Select(StripDirectives)]);

    private static JsonNode? StripDirectives(JsonNode? node)
    {
        var clone = node?.DeepClone();
        (clone as JsonObject)?.Remove("$patch");
        return clone;
    }
}
