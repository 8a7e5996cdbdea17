using System.Collections.Frozen;
using System.Text.Json.Nodes;
using KubeEmulator.Schema;

namespace KubeEmulator.Apply;

/// <summary>Computes the set of fields an object (an applied configuration, or a whole live object) sets.</summary>
internal static class FieldSetBuilder
{
    private static readonly FrozenSet<string> UntrackedMetadata = FrozenSet.Create(
        StringComparer.Ordinal,
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
        "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink");

    private static readonly FrozenSet<string> AlwaysPresentStructs = FrozenSet.Create(
        StringComparer.Ordinal, "metadata", "spec", "template", "strategy", "updateStrategy", "jobTemplate");

    /// <summary>
    /// The fields <paramref name="obj"/> sets. With <paramref name="includeMaps"/> (update tracking), map
    /// nodes are members too, so a map that an update adds is owned as a whole (the <c>"."</c> entry the
    /// real server writes), except the struct fields that Go objects always carry.
    /// </summary>
    public static FieldSet FromObject(JsonObject? obj, bool includeMaps = false)
    {
        var set = new FieldSet();
        if (obj is null)
        {
            return set;
        }

        foreach (var (name, value) in obj)
        {
            switch (name)
            {
                case "apiVersion" or "kind" or "status":
                    continue;
                case "metadata" when value is JsonObject metadata:
                    foreach (var (field, child) in metadata)
                    {
                        if (!UntrackedMetadata.Contains(field))
                        {
                            Walk(child, FieldPath.Root.Field("metadata").Field(field), field, set, includeMaps);
                        }
                    }

                    continue;
                default:
                    Walk(value, FieldPath.Root.Field(name), name, set, includeMaps);
                    break;
            }
        }

        return set;
    }

    /// <summary>The element naming <paramref name="item"/> inside a list of the given type, or null when it has no key.</summary>
    public static string? ItemElement(JsonNode? item, int index, ListType type, IReadOnlyList<string> keys) => type switch
    {
        ListType.Map => ObjectSchema.ItemKey(item, keys) is { } key ? "k:" + key.ToJsonString() : null,
        ListType.Set => "v:" + (item?.ToJsonString() ?? "null"),
        _ => "i:" + index,
    };

    private static void Walk(JsonNode? node, FieldPath path, string fieldName, FieldSet set, bool includeMaps)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0 && !ObjectSchema.IsAtomicMap(fieldName):
                if (includeMaps && !AlwaysPresentStructs.Contains(fieldName))
                {
                    set.Add(path);
                }

                foreach (var (name, child) in obj)
                {
                    Walk(child, path.Field(name), name, set, includeMaps);
                }

                break;
            case JsonArray array when array.Count > 0:
                var (type, keys) = ObjectSchema.Classify(fieldName, array);
                if (type == ListType.Atomic)
                {
                    set.Add(path);
                    break;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    var element = ItemElement(array[i], i, type, keys);
                    if (element is null)
                    {
                        continue;
                    }

                    var itemPath = path.Append(element);
                    set.Add(itemPath);
                    if (type == ListType.Map && array[i] is JsonObject item)
                    {
                        foreach (var (name, child) in item)
                        {
                            Walk(child, itemPath.Field(name), name, set, includeMaps);
                        }
                    }
                }

                break;
            default:
                set.Add(path);
                break;
        }
    }
}
