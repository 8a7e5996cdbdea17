using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Core.Drift;

/// <summary>
/// Who owns which field of a live object, read from its <c>metadata.managedFields</c> (FieldsV1):
/// <c>f:name</c> for a map field, <c>k:{...}</c> for a list item by its keys, <c>v:...</c> for a set
/// value, and an empty map for a field owned whole (an atomic list or map).
/// </summary>
public sealed class FieldOwners
{
    private readonly IReadOnlyList<(string Manager, JsonObject Fields)> _entries;

    private FieldOwners(IReadOnlyList<(string Manager, JsonObject Fields)> entries) => _entries = entries;

    public static FieldOwners Of(JsonObject live) => Of(live["metadata"]?["managedFields"] as JsonArray);

    public static FieldOwners Of(JsonArray? managedFields)
        => new((managedFields ?? [])
            .OfType<JsonObject>()
            .Where(e => (string?)e["manager"] is not null && e["fieldsV1"] is JsonObject)
            .Select(e => ((string)e["manager"]!, (JsonObject)e["fieldsV1"]!))
            .ToList());

    /// <summary>The managers that own the field at <paramref name="path"/> (or an atomic field holding it), first the one owning it deepest.</summary>
    public IReadOnlyList<string> OwnersOf(IReadOnlyList<FieldStep> path)
    {
        var owners = new List<(string Manager, int Depth)>();
        foreach (var (manager, fields) in _entries)
        {
            if (Depth(fields, path) is { } depth)
            {
                owners.Add((manager, depth));
            }
        }

        return owners.OrderByDescending(o => o.Depth).Select(o => o.Manager).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>How deep <paramref name="fields"/> covers <paramref name="path"/>: the whole path, or an ancestor owned whole; null when not owned.</summary>
    private static int? Depth(JsonObject fields, IReadOnlyList<FieldStep> path)
    {
        JsonObject node = fields;
        for (var i = 0; i < path.Count; i++)
        {
            if (node.Count == 0 && i > 0)
            {
                return i;
            }

            if (Child(node, path[i]) is not { } child)
            {
                return null;
            }

            node = child;
        }

        return path.Count;
    }

    private static JsonObject? Child(JsonObject node, FieldStep step)
    {
        switch (step)
        {
            case { Field: { } name }:
                return node["f:" + name] as JsonObject;
            case { Item: { } item }:
                foreach (var (key, value) in node)
                {
                    if (key.StartsWith("k:", StringComparison.Ordinal) && value is JsonObject child && KeyMatches(key[2..], item))
                    {
                        return child;
                    }
                }

                return null;
            case { Value: { } value }:
                return node["v:" + value.ToJsonString()] as JsonObject;
            default:
                return null;
        }
    }

    /// <summary>A <c>k:</c> key matches an item when every key field the item has holds the same value.</summary>
    private static bool KeyMatches(string keyJson, JsonObject item)
    {
        try
        {
            if (JsonNode.Parse(keyJson) is not JsonObject key)
            {
                return false;
            }

            var compared = 0;
            foreach (var (name, value) in key)
            {
                if (item[name] is { } mine)
                {
                    if (mine.ToJsonString() != value?.ToJsonString() && mine.ToString() != value?.ToString())
                    {
                        return false;
                    }

                    compared++;
                }
            }

            return compared > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>One step of a field path: a map field, a list item (by its fields), or a set value.</summary>
public readonly record struct FieldStep(string? Field, JsonObject? Item, JsonNode? Value)
{
    public static FieldStep Named(string field) => new(field, null, null);

    public static FieldStep ListItem(JsonObject item) => new(null, item, null);

    public static FieldStep SetValue(JsonNode value) => new(null, null, value);
}
