using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Core.Drift;

/// <summary>
/// Compares a desired object with its live copy, field by field, looking only at the fields Git
/// sets: fields the server added (defaults, status, managed metadata) are never drift. Lists whose
/// items all carry a <c>name</c> are matched by name, so a reordering is not drift either.
/// </summary>
public static class DriftComparer
{
    private static readonly HashSet<string> ServerOwnedMetadata = new(StringComparer.Ordinal)
    {
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences",
    };

    public static IReadOnlyList<DriftItem> Compare(string objectId, JsonObject desired, JsonObject live)
    {
        var items = new List<DriftItem>();
        foreach (var (key, value) in desired)
        {
            if (key is "apiVersion" or "kind" or "status")
            {
                continue;
            }

            if (key == "metadata" && value is JsonObject meta)
            {
                var liveMeta = live["metadata"] as JsonObject;
                foreach (var (mk, mv) in meta)
                {
                    if (!ServerOwnedMetadata.Contains(mk) && mk is not ("name" or "namespace"))
                    {
                        Walk(objectId, Join("metadata", mk), mv, liveMeta?[mk], items);
                    }
                }

                continue;
            }

            Walk(objectId, key, value, live[key], items);
        }

        return items;
    }

    private static void Walk(string id, string path, JsonNode? desired, JsonNode? live, List<DriftItem> items)
    {
        switch (desired)
        {
            case JsonObject d when live is JsonObject l:
                foreach (var (key, value) in d)
                {
                    Walk(id, Join(path, key), value, l[key], items);
                }

                break;
            case JsonArray d when live is JsonArray l && Keyed(d) && Keyed(l):
                var byName = l.OfType<JsonObject>().GroupBy(NameOf).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                foreach (var item in d.OfType<JsonObject>())
                {
                    var name = NameOf(item);
                    Walk(id, $"{path}[name={name}]", item, byName.GetValueOrDefault(name), items);
                }

                break;
            case JsonArray d when live is JsonArray l && d.Count == l.Count:
                for (var i = 0; i < d.Count; i++)
                {
                    Walk(id, $"{path}[{i}]", d[i], l[i], items);
                }

                break;
            default:
                if (!ScalarEquals(desired, live))
                {
                    items.Add(new DriftItem(id, path, desired?.DeepClone(), live?.DeepClone()));
                }

                break;
        }
    }

    private static bool Keyed(JsonArray array) => array.Count > 0 && array.All(i => i is JsonObject o && o["name"] is JsonValue);

    private static string NameOf(JsonObject o) => o["name"]?.ToString() ?? string.Empty;

    /// <summary><c>a.b</c>, or <c>a[example.com/b]</c> for a key holding dots.</summary>
    private static string Join(string path, string key) => key.Contains('.', StringComparison.Ordinal) ? $"{path}[{key}]" : $"{path}.{key}";

    /// <summary>Equal values; numbers compare by value (3 and 3.0 are the same), null and absent alike.</summary>
    private static bool ScalarEquals(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is JsonValue va && b is JsonValue vb
            && va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number)
        {
            return decimal.TryParse(va.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var da)
                && decimal.TryParse(vb.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var db)
                ? da == db
                : va.ToJsonString() == vb.ToJsonString();
        }

        return JsonNode.DeepEquals(a, b);
    }
}
