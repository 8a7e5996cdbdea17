using System.Text.Json.Nodes;
using KubeEmulator.Schema;

namespace KubeEmulator.Apply;

/// <summary>Merges an applied configuration into a live object: maps field by field, associative lists item by item, sets as a union, the rest replaced.</summary>
internal static class ApplyMerger
{
    public static JsonNode? Merge(JsonNode? live, JsonNode? applied, string fieldName)
    {
        switch (applied)
        {
            case JsonObject appliedObject when live is JsonObject liveObject && !ObjectSchema.IsAtomicMap(fieldName):
                foreach (var (name, value) in appliedObject)
                {
                    liveObject.TryGetPropertyValue(name, out var existing);
                    var merged = Merge(existing, value, name);
                    if (!ReferenceEquals(merged, existing))
                    {
                        liveObject[name] = merged;
                    }
                }

                return liveObject;
            case JsonArray appliedArray when live is JsonArray liveArray:
                var (type, keys) = ObjectSchema.Classify(fieldName, appliedArray, liveArray);
                return type switch
                {
                    ListType.Map => MergeMapList(liveArray, appliedArray, keys),
                    ListType.Set => MergeSet(liveArray, appliedArray),
                    _ => appliedArray.DeepClone(),
                };
            default:
                return applied?.DeepClone();
        }
    }

    private static JsonArray MergeMapList(JsonArray live, JsonArray applied, IReadOnlyList<string> keys)
    {
        foreach (var item in applied)
        {
            var key = ObjectSchema.ItemKey(item, keys);
            var index = key is null ? -1 : IndexOf(live, key, keys);
            if (index < 0)
            {
                live.Add(item?.DeepClone());
                continue;
            }

            var merged = Merge(live[index], item, "");
            if (!ReferenceEquals(merged, live[index]))
            {
                live[index] = merged;
            }
        }

        return live;
    }

    private static JsonArray MergeSet(JsonArray live, JsonArray applied)
    {
        foreach (var item in applied)
        {
            if (!live.Any(existing => JsonNode.DeepEquals(existing, item)))
            {
                live.Add(item?.DeepClone());
            }
        }

        return live;
    }

    public static int IndexOf(JsonArray array, JsonObject key, IReadOnlyList<string> keys)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (ObjectSchema.KeyMatches(array[i], key, keys))
            {
                return i;
            }
        }

        return -1;
    }
}
