using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOps.Rendering.Yaml;

/// <summary>
/// Gives a plain YAML scalar the type Kustomize's YAML library (kyaml, go-yaml v3) gives it, and then
/// the value it has after Kustomize's JSON round trip: integers as <see cref="long"/> (or
/// <see cref="ulong"/> past <see cref="long.MaxValue"/>), floats as <see cref="double"/> unless they
/// are integral (1.0 and 1e3 come out as 1 and 1000), timestamps as RFC 3339 strings.
/// </summary>
internal static partial class ScalarResolver
{
    /// <summary>The kind of value a plain scalar resolves to.</summary>
    internal enum Kind
    {
        String,
        Null,
        Bool,
        Int,
        Float,
        Timestamp,
        NotFinite,
    }

    public static Kind Classify(string s) => Resolve(s, out _);

    /// <summary>Resolves a plain scalar to its JSON value (null for YAML null).</summary>
    public static JsonNode? ToNode(string s, out Kind kind)
    {
        kind = Resolve(s, out var value);
        return kind switch
        {
            Kind.Null => null,
            Kind.Bool => JsonValue.Create((bool)value!),
            Kind.Int => value is ulong u ? JsonValue.Create(u) : JsonValue.Create((long)value!),
            Kind.Float => FromDouble((double)value!),
            Kind.Timestamp => JsonValue.Create((string)value!),
            _ => JsonValue.Create(s),
        };
    }

    /// <summary>A double as Kustomize's JSON round trip leaves it: integral values become integers.</summary>
    public static JsonValue FromDouble(double d)
    {
        if (Math.Floor(d) == d && Math.Abs(d) < 1e21)
        {
            if (d >= -9.223372036854775808E18 && d < 9.223372036854775808E18)
            {
                return JsonValue.Create((long)d);
            }

            if (d >= 0 && d < 1.8446744073709551616E19)
            {
                return JsonValue.Create((ulong)d);
            }
        }

        return JsonValue.Create(d);
    }

    private static Kind Resolve(string s, out object? value)
    {
        value = null;
        if (s.Length == 0)
        {
            return Kind.Null;
        }

        switch (s)
        {
            case "~" or "null" or "Null" or "NULL":
                return Kind.Null;
            case "true" or "True" or "TRUE":
                value = true;
                return Kind.Bool;
            case "false" or "False" or "FALSE":
                value = false;
                return Kind.Bool;
            case ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF"
                or "-.inf" or "-.Inf" or "-.INF":
                return Kind.NotFinite;
        }

        var c = s[0];
        if (c == '.')
        {
            if (DotFloat().IsMatch(s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
            {
                value = f;
                return Kind.Float;
            }

            return Kind.String;
        }

        if (c is not ((>= '0' and <= '9') or '+' or '-'))
        {
            return Kind.String;
        }

        if (TryTimestamp(s, out var ts))
        {
            value = ts;
            return Kind.Timestamp;
        }

        var plain = s.Replace("_", string.Empty, StringComparison.Ordinal);
        if (GoInt.TryParseInt64(plain, out var l))
        {
            value = l;
            return Kind.Int;
        }

        if (GoInt.TryParseUInt64(plain, out var ul))
        {
            value = ul;
            return Kind.Int;
        }

        if (YamlStyleFloat().IsMatch(plain)
            && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            if (double.IsInfinity(d))
            {
                return Kind.NotFinite;
            }

            value = d;
            return Kind.Float;
        }

        return Kind.String;
    }

    private static bool TryTimestamp(string s, out string formatted)
    {
        formatted = string.Empty;
        if (s.Length < 8 || s[4] != '-' || !char.IsAsciiDigit(s[0]))
        {
            return false;
        }

        var m = Timestamp().Match(s);
        if (!m.Success)
        {
            return false;
        }

        int Num(int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        var hasTime = m.Groups[4].Success;
        var sep = hasTime ? m.Groups[4].Value : string.Empty;
        var zone = m.Groups[9].Success ? m.Groups[9].Value : null;
        if (hasTime && sep == " " && zone is not null)
        {
            return false;
        }

        try
        {
            var offset = TimeSpan.Zero;
            if (zone is not null && zone != "Z")
            {
                var sign = zone[0] == '-' ? -1 : 1;
                offset = sign * new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[4..6], CultureInfo.InvariantCulture), 0);
            }

            var date = new DateTime(Num(1), Num(2), Num(3), hasTime ? Num(5) : 0, hasTime ? Num(6) : 0, hasTime ? Num(7) : 0, DateTimeKind.Unspecified);
            var fraction = m.Groups[8].Success ? m.Groups[8].Value[1..].TrimEnd('0') : string.Empty;
            if (fraction.Length > 9)
            {
                fraction = fraction[..9].TrimEnd('0');
            }

            var text = date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            if (fraction.Length > 0)
            {
                text += "." + fraction;
            }

            text += offset == TimeSpan.Zero
                ? "Z"
                : (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
            formatted = text;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex DotFloat();

    [GeneratedRegex(@"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$")]
    private static partial Regex Timestamp();
}
