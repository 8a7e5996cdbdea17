using System.Globalization;

namespace GitOps.Core.Drift;

/// <summary>
/// Kubernetes resource quantities (<c>500m</c>, <c>0.5</c>, <c>1Gi</c>, <c>1024Mi</c>, <c>1e3</c>) read as
/// exact numbers, so that a value Git writes one way and the API server stores canonically
/// compares equal.
/// </summary>
public static class Quantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m), ("P", 1e15m), ("E", 1e18m),
    ];

    /// <summary>The quantity's value, or null when <paramref name="text"/> is not a quantity.</summary>
    public static decimal? Parse(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return null;
        }

        var factor = 1m;
        var number = text;
        foreach (var (suffix, value) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                factor = value;
                number = text[..^suffix.Length];
                break;
            }
        }

        var exponent = number.IndexOfAny(['e', 'E']);
        if (exponent > 0 && factor == 1m)
        {
            if (!int.TryParse(number[(exponent + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var power) || Math.Abs(power) > 18)
            {
                return null;
            }

            factor = power >= 0 ? Pow10(power) : 1m / Pow10(-power);
            number = number[..exponent];
        }

        if (number.Length == 0 || number.Any(c => !(char.IsAsciiDigit(c) || c is '.' or '+' or '-')))
        {
            return null;
        }

        return decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed * factor
            : null;
    }

    private static decimal Pow10(int power)
    {
        var result = 1m;
        for (var i = 0; i < power; i++)
        {
            result *= 10;
        }

        return result;
    }
}
