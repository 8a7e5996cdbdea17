using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Core.Drift;

/// <summary>
/// Compares a desired object with its live copy, field by field, looking only at the fields Git
/// sets: fields the server added (defaults, status, managed metadata) are never drift. Values
/// compare as the API server normalizes them: resource quantities by value (<c>0.5</c> = <c>500m</c>,
/// <c>1024Mi</c> = <c>1Gi</c>), int-or-string by text (<c>8080</c> = <c>"8080"</c>), an empty list or
/// map the same as absent. Lists whose items all carry a <c>name</c> are matched by name. Each
/// difference names the field manager that owns the field live, so a field another manager took
/// over reads as such, and <see cref="DriftRules"/> leave out ignored pointers and managers.
/// </summary>
public static class DriftComparer
{
    private static readonly HashSet<string> ServerOwnedMetadata = new(StringComparer.Ordinal)
    {
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences",
    };

    /// <summary>Path segments under which strings are resource quantities.</summary>
    private static readonly HashSet<string> QuantityParents = new(StringComparer.Ordinal)
    {
        "limits", "requests", "hard", "capacity", "allocatable", "overhead", "storage", "sizeLimit",
    };

    public static IReadOnlyList<DriftItem> Compare(string objectId, JsonObject desired, JsonObject live, DriftRules? rules = null)
    {
        var walk = new Walker(objectId, FieldOwners.Of(live), rules ?? DriftRules.None);
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
                        walk.Visit(new Step(Join("metadata", mk), $"/metadata/{Escape(mk)}", [FieldStep.Named("metadata"), FieldStep.Named(mk)]), mv, liveMeta?[mk]);
                    }
                }

                continue;
            }

            walk.Visit(new Step(key, "/" + Escape(key), [FieldStep.Named(key)]), value, live[key]);
        }

        return walk.Items;
    }

    /// <summary>Where the walk is: the path as people read it, as a JSON pointer (for ignore rules), and as managedFields steps.</summary>
    private sealed record Step(string Path, string Pointer, IReadOnlyList<FieldStep> Fields)
    {
        public Step Field(string key) => new(Join(Path, key), $"{Pointer}/{Escape(key)}", [.. Fields, FieldStep.Named(key)]);

        public Step Item(string display, int index, JsonNode? item)
            => new($"{Path}{display}", $"{Pointer}/{index}", [.. Fields, item is JsonObject o ? FieldStep.ListItem(o) : FieldStep.SetValue(item?.DeepClone() ?? JsonValue.Create(string.Empty)!)]);

        public string Last => Fields[^1].Field ?? string.Empty;
    }

    private sealed class Walker(string id, FieldOwners owners, DriftRules rules)
    {
        public List<DriftItem> Items { get; } = [];

        public void Visit(Step at, JsonNode? desired, JsonNode? live)
        {
            if (rules.IsIgnored(at.Pointer))
            {
                return;
            }

            switch (desired)
            {
                case JsonObject d when live is JsonObject l:
                    foreach (var (key, value) in d)
                    {
                        Visit(at.Field(key), value, l[key]);
                    }

                    break;
                case JsonArray d when live is JsonArray l && Keyed(d) && Keyed(l):
                    var byName = l.OfType<JsonObject>().GroupBy(NameOf).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                    for (var i = 0; i < d.Count; i++)
                    {
                        var item = (JsonObject)d[i]!;
                        Visit(at.Item($"[name={NameOf(item)}]", i, item), item, byName.GetValueOrDefault(NameOf(item)));
                    }

                    break;
                case JsonArray d when live is JsonArray l && d.Count == l.Count:
                    for (var i = 0; i < d.Count; i++)
                    {
                        Visit(at.Item($"[{i}]", i, d[i]), d[i], l[i]);
                    }

                    break;
                default:
                    if (!Same(at, desired, live))
                    {
                        var manager = owners.OwnersOf(at.Fields).FirstOrDefault();
                        if (manager is null || !rules.IgnoredManagers.Contains(manager, StringComparer.Ordinal))
                        {
                            Items.Add(new DriftItem(id, at.Path, desired?.DeepClone(), live?.DeepClone(), manager));
                        }
                    }

                    break;
            }
        }
    }

    private static bool Keyed(JsonArray array) => array.Count > 0 && array.All(i => i is JsonObject o && o["name"] is JsonValue);

    private static string NameOf(JsonObject o) => o["name"]?.ToString() ?? string.Empty;

    /// <summary><c>a.b</c>, or <c>a[example.com/b]</c> for a key holding dots.</summary>
    private static string Join(string path, string key) => key.Contains('.', StringComparison.Ordinal) ? $"{path}[{key}]" : $"{path}.{key}";

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Equal as the API server stores them.</summary>
    private static bool Same(Step at, JsonNode? desired, JsonNode? live)
    {
        if (desired is null || live is null)
        {
            // An empty list or map is what Go's omitempty drops: the same as absent.
            return (desired ?? live) is null or JsonArray { Count: 0 } or JsonObject { Count: 0 };
        }

        if (desired is JsonValue d && live is JsonValue l)
        {
            var dk = d.GetValueKind();
            var lk = l.GetValueKind();
            if (dk == JsonValueKind.Number && lk == JsonValueKind.Number)
            {
                return NumberText(d) == NumberText(l);
            }

            if ((dk is JsonValueKind.String or JsonValueKind.Number) && (lk is JsonValueKind.String or JsonValueKind.Number))
            {
                var dt = dk == JsonValueKind.String ? d.GetValue<string>() : NumberText(d);
                var lt = lk == JsonValueKind.String ? l.GetValue<string>() : NumberText(l);
                if (dt == lt)
                {
                    // Int-or-string: 8080 and "8080" are the same port.
                    return true;
                }

                return IsQuantity(at) && Quantity.Parse(dt) is { } dq && Quantity.Parse(lt) is { } lq && dq == lq;
            }
        }

        return JsonNode.DeepEquals(desired, live);
    }

    private static bool IsQuantity(Step at)
        => QuantityParents.Contains(at.Last) || (at.Fields.Count > 1 && at.Fields[^2].Field is { } parent && QuantityParents.Contains(parent));

    /// <summary>A number's value as text (3 and 3.0 alike).</summary>
    private static string NumberText(JsonValue value)
        => decimal.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToJsonString();
}
