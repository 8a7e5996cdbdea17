using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace KubeEmulator.Schema;

/// <summary>
/// The little schema knowledge the emulator needs for merging and field ownership, keyed by field
/// name rather than by full OpenAPI schema: which lists are associative (and on which keys), which
/// are sets, and which maps are atomic. Unknown lists are atomic, as in a CRD without list-type markers.
/// </summary>
internal static class ObjectSchema
{
    private static readonly FrozenDictionary<string, string[]> KeyedByField = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["volumes"] = ["name"],
        ["env"] = ["name"],
        ["imagePullSecrets"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["volumeDevices"] = ["devicePath"],
        ["conditions"] = ["type"],
        ["hostAliases"] = ["ip"],
        ["versions"] = ["name"],
        ["topologySpreadConstraints"] = ["topologyKey", "whenUnsatisfiable"],
        ["resourceClaims"] = ["name"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SetFields = FrozenSet.Create(StringComparer.Ordinal, "finalizers");

    private static readonly FrozenSet<string> AtomicMaps = FrozenSet.Create(StringComparer.Ordinal, "selector", "nodeSelector");

    public static bool IsAtomicMap(string fieldName) => AtomicMaps.Contains(fieldName);

    /// <summary>Classifies the list held by <paramref name="fieldName"/>, looking at its items when the name is ambiguous (ports).</summary>
    public static (ListType Type, IReadOnlyList<string> Keys) Classify(string fieldName, JsonArray? first, JsonArray? second = null)
    {
        if (SetFields.Contains(fieldName))
        {
            return (ListType.Set, []);
        }

        if (KeyedByField.TryGetValue(fieldName, out var keys))
        {
            return (ListType.Map, keys);
        }

        if (fieldName == "ports")
        {
            var items = (first ?? []).Concat(second ?? []).OfType<JsonObject>().ToList();
            if (items.Count > 0 && items.All(i => i.ContainsKey("containerPort")))
            {
                return (ListType.Map, ["containerPort", "protocol"]);
            }

            if (items.Count > 0 && items.All(i => i.ContainsKey("port")))
            {
                return (ListType.Map, ["port", "protocol"]);
            }
        }

        return (ListType.Atomic, []);
    }

    /// <summary>The key object of an associative list item, with <c>protocol</c> defaulted to TCP as the real key is.</summary>
    public static JsonObject? ItemKey(JsonNode? item, IReadOnlyList<string> keys)
    {
        if (item is not JsonObject obj)
        {
            return null;
        }

        var key = new JsonObject();
        foreach (var name in keys)
        {
            var value = obj[name];
            if (value is null && name == "protocol")
            {
                value = JsonValue.Create("TCP");
            }
            else if (value is null)
            {
                return null;
            }

            key[name] = value.DeepClone();
        }

        return key;
    }

    public static bool KeyMatches(JsonNode? item, JsonObject key, IReadOnlyList<string> keys) =>
        ItemKey(item, keys) is { } itemKey && JsonNode.DeepEquals(itemKey, key);
}
