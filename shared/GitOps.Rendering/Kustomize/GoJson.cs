using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// JSON text as Go's <c>encoding/json</c> writes a map: keys sorted bytewise, HTML characters and
/// line/paragraph separators escaped, floats in Go's format. Used for the generator name hash.
/// </summary>
internal static class GoJson
{
    public static string Serialize(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var keys = obj.Select(p => p.Key).ToList();
                keys.Sort((a, b) => CompareUtf8(a, b));
                for (var i = 0; i < keys.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteString(sb, keys[i]);
                    sb.Append(':');
                    Write(sb, obj[keys[i]]);
                }

                sb.Append('}');
                break;
            case JsonArray arr:
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, arr[i]);
                }

                sb.Append(']');
                break;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(sb, v.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        sb.Append("true");
                        break;
                    case JsonValueKind.False:
                        sb.Append("false");
                        break;
                    case JsonValueKind.Number:
                        sb.Append(FormatNumber(v));
                        break;
                    default:
                        sb.Append("null");
                        break;
                }

                break;
        }
    }

    private static string FormatNumber(JsonValue v)
    {
        // Go decodes JSON numbers into float64 before re-encoding them.
        var d = v.TryGetValue<long>(out var l) ? l : v.TryGetValue<ulong>(out var u) ? u : v.GetValue<double>();
        var abs = Math.Abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var r = d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
            if (!r.Contains('e', StringComparison.Ordinal))
            {
                return r;
            }

            var parts = r.Split('e');
            var exp = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return parts[0] + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
        }

        return d.ToString("R", CultureInfo.InvariantCulture);
    }

    private static int CompareUtf8(string a, string b)
        => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
                    {
                        sb.Append("\\ufffd");
                    }
                    else
                    {
                        sb.Append(c);
                        if (char.IsHighSurrogate(c))
                        {
                            sb.Append(s[++i]);
                        }
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
