namespace GitOps.Rendering.Yaml;

/// <summary>Integer parsing with Go's <c>strconv.ParseInt(s, 0, 64)</c> rules (0x, 0o, 0b and leading-0 octal).</summary>
internal static class GoInt
{
    public static bool TryParseInt64(string s, out long value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var negative = false;
        var body = s;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            body = s[1..];
        }

        if (!TryParseUnsigned(body, out var magnitude))
        {
            return false;
        }

        if (!negative)
        {
            if (magnitude > long.MaxValue)
            {
                return false;
            }

            value = (long)magnitude;
            return true;
        }

        if (magnitude > (ulong)long.MaxValue + 1)
        {
            return false;
        }

        value = magnitude == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)magnitude;
        return true;
    }

    public static bool TryParseUInt64(string s, out ulong value)
    {
        value = 0;
        return s.Length > 0 && s[0] is not ('+' or '-') && TryParseUnsigned(s, out value);
    }

    private static bool TryParseUnsigned(string s, out ulong value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var radix = 10u;
        var digits = s;
        if (s.Length > 1 && s[0] == '0')
        {
            switch (s[1])
            {
                case 'x' or 'X':
                    radix = 16;
                    digits = s[2..];
                    break;
                case 'o' or 'O':
                    radix = 8;
                    digits = s[2..];
                    break;
                case 'b' or 'B':
                    radix = 2;
                    digits = s[2..];
                    break;
                default:
                    radix = 8;
                    digits = s[1..];
                    break;
            }
        }

        if (digits.Length == 0)
        {
            return false;
        }

        ulong acc = 0;
        foreach (var ch in digits)
        {
            uint d = ch switch
            {
                >= '0' and <= '9' => (uint)(ch - '0'),
                >= 'a' and <= 'f' => (uint)(ch - 'a' + 10),
                >= 'A' and <= 'F' => (uint)(ch - 'A' + 10),
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }

            if (acc > (ulong.MaxValue - d) / radix)
            {
                return false;
            }

            acc = (acc * radix) + d;
        }

        value = acc;
        return true;
    }
}
