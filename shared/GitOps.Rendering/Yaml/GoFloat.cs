using System.Globalization;
using System.Text;

namespace GitOps.Rendering.Yaml;

/// <summary>Formats a double as Go's <c>strconv.FormatFloat(f, 'g', -1, 64)</c> does.</summary>
internal static class GoFloat
{
    public static string Format(double d)
    {
        if (d == 0)
        {
            return double.IsNegative(d) ? "-0" : "0";
        }

        // Shortest round-trip digits: "R" gives them, in either fixed or exponent form.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest[0] == '-';
        if (negative)
        {
            shortest = shortest[1..];
        }

        var ePos = shortest.IndexOfAny(['E', 'e']);
        var mantissa = ePos < 0 ? shortest : shortest[..ePos];
        var exp10 = ePos < 0 ? 0 : int.Parse(shortest[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? string.Empty : mantissa[(dot + 1)..];
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        var dp = intPart.Length - leadingZeros + exp10;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }

        var exp = dp - 1;
        if (exp < -4 || exp >= 6)
        {
            // Go uses %e when the shortest form's exponent is below -4 or at least 6.
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+');
            var e = Math.Abs(exp);
            sb.Append(e < 10 ? "0" + e.ToString(CultureInfo.InvariantCulture) : e.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        if (dp <= 0)
        {
            sb.Append("0.").Append('0', -dp).Append(digits);
        }
        else if (dp >= digits.Length)
        {
            sb.Append(digits).Append('0', dp - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, dp).Append('.').Append(digits, dp, digits.Length - dp);
        }

        return sb.ToString();
    }
}
