using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Patches;

/// <summary>Scalar text and value equality of JSON nodes, as the patch engines compare them.</summary>
internal static class JsonNodeText
{
    /// <summary>
    /// The text of a scalar as YAML would print it (<c>80</c>, <c>true</c>, <c>web</c>); null for maps, lists
    /// and null.
    /// </summary>
    public static string? ScalarText(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => NumberText(value),
            _ => null,
        };
    }

    /// <summary>A scalar from text: integers and booleans typed as YAML would type them, else a string.</summary>
    public static JsonNode FromScalarText(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary>JSON value equality: maps ignore key order, numbers compare by value.</summary>
    public static bool ValueEquals(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && ValueEquals(p.Value, other));
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Zip(y).All(p => ValueEquals(p.First, p.Second));
            case (JsonValue x, JsonValue y):
                var kx = x.GetValueKind();
                var ky = y.GetValueKind();
                if (kx != ky)
                {
                    return false;
                }

                return kx == JsonValueKind.Number ? NumberEquals(x, y) : ScalarText(x) == ScalarText(y);
            default:
                return false;
        }
    }

    private static bool NumberEquals(JsonValue x, JsonValue y)
        => TryDecimal(x, out var dx) && TryDecimal(y, out var dy)
            ? dx == dy
            : ToDouble(x).Equals(ToDouble(y));

    private static bool TryDecimal(JsonValue value, out decimal result)
        => decimal.TryParse(NumberText(value), NumberStyles.Float, CultureInfo.InvariantCulture, out result);

    private static double ToDouble(JsonValue value)
        => double.Parse(NumberText(value), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string NumberText(JsonValue value)
    {
        if (value.TryGetValue<long>(out var l))
        {
            return l.ToString(CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i.ToString(CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<double>(out var d))
        {
            return d.ToString("R", CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<decimal>(out var m))
        {
            return m.ToString(CultureInfo.InvariantCulture);
        }

        return value.ToJsonString();
    }
}
