using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KubeEmulator.Defaulting;

/// <summary>
/// Resource quantities in the API server's canonical form (<c>0.5</c> → <c>500m</c>, <c>1024Mi</c> →
/// <c>1Gi</c>, <c>2000</c> → <c>2k</c>, numbers → strings), as every real cluster stores them: manifests
/// and live objects differ in exactly this way, and drift detection has to cope.
/// </summary>
internal static partial class Quantities
{
    private static readonly (string Suffix, int Exponent)[] DecimalSuffixes =
        [("E", 18), ("P", 15), ("T", 12), ("G", 9), ("M", 6), ("k", 3), ("", 0), ("m", -3), ("u", -6), ("n", -9)];

    private static readonly (string Suffix, int Power)[] BinarySuffixes = [("Ei", 6), ("Pi", 5), ("Ti", 4), ("Gi", 3), ("Mi", 2), ("Ki", 1)];

    /// <summary>Canonicalizes the quantities of a pod spec's containers, in place.</summary>
    public static void CanonicalizePodSpec(JsonObject? podSpec)
    {
        foreach (var list in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            foreach (var container in (podSpec?[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                CanonicalizeResources(container["resources"] as JsonObject);
            }
        }
    }

    /// <summary>Canonicalizes <c>requests</c> and <c>limits</c> maps of a resources block, in place.</summary>
    public static void CanonicalizeResources(JsonObject? resources)
    {
        foreach (var section in new[] { "requests", "limits" })
        {
            if (resources?[section] is not JsonObject values)
            {
                continue;
            }

            foreach (var name in values.Select(p => p.Key).ToList())
            {
                var text = values[name] is JsonValue value ? value.ToJsonString().Trim('"') : null;
                if (text is not null && Canonical(text) is { } canonical)
                {
                    values[name] = canonical;
                }
            }
        }
    }

    /// <summary>The canonical form of <paramref name="text"/>, or null when it is not a quantity.</summary>
    public static string? Canonical(string text)
    {
        var match = QuantityPattern().Match(text.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var suffix = match.Groups["suffix"].Value;
        var exponential = suffix.Length > 1 && suffix[0] is 'e' or 'E';
        var binary = Array.FindIndex(BinarySuffixes, s => s.Suffix == suffix);
        var exponent = exponential
            ? int.Parse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : binary >= 0 ? 0 : Array.Find(DecimalSuffixes, s => s.Suffix == suffix).Exponent;
        if (Math.Abs(exponent) > 27)
        {
            return null;
        }

        try
        {
            var value = binary >= 0 ? number * Pow(1024, BinarySuffixes[binary].Power) : number * Pow10(exponent);
            value = Math.Ceiling(value * 1_000_000_000m) / 1_000_000_000m;
            if (binary >= 0 && Math.Abs(value) >= 1024 && value == Math.Truncate(value))
            {
                foreach (var (name, power) in BinarySuffixes)
                {
                    var unit = Pow(1024, power);
                    if (value % unit == 0)
                    {
                        return $"{(value / unit).ToString("0", CultureInfo.InvariantCulture)}{name}";
                    }
                }

                return value.ToString("0", CultureInfo.InvariantCulture);
            }

            foreach (var (name, power) in DecimalSuffixes)
            {
                var scaled = value / Pow10(power);
                if (scaled == Math.Truncate(scaled) && (value != 0 || power == 0))
                {
                    var mantissa = scaled.ToString("0", CultureInfo.InvariantCulture);
                    return exponential ? (power == 0 ? mantissa : $"{mantissa}e{power}") : mantissa + name;
                }
            }
        }
        catch (OverflowException)
        {
            return null;
        }

        return null;
    }

    private static decimal Pow(int root, int power)
    {
        var result = 1m;
        for (var i = 0; i < power; i++)
        {
            result *= root;
        }

        return result;
    }

    private static decimal Pow10(int exponent) => exponent >= 0 ? Pow(10, exponent) : 1m / Pow(10, -exponent);

    [GeneratedRegex(@"^(?<number>[+-]?(\d+(\.\d*)?|\.\d+))(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$")]
    private static partial Regex QuantityPattern();
}
