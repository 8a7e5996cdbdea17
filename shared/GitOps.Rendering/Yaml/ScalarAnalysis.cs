using System.Text;
using System.Text.RegularExpressions;

namespace GitOps.Rendering.Yaml;

/// <summary>
/// Decides how a string scalar is written, as Kustomize's YAML encoder (go-yaml v3, libyaml's
/// emitter) does: plain when it reads back as the same string, single quotes when plain is not
/// possible, double quotes for special characters, literal blocks for multi-line text.
/// </summary>
internal static partial class ScalarAnalysis
{
    public static EmitStyle Select(string s, bool simpleKey)
    {
        var a = Analyze(s);
        EmitStyle requested;
        if (s.Contains('\n', StringComparison.Ordinal))
        {
            requested = EmitStyle.Literal;
        }
        else
        {
            var plainReadsBack = s == "<<"
                || (ScalarResolver.Classify(s) == ScalarResolver.Kind.String && !Base60Float().IsMatch(s) && !IsOldBool(s));
            requested = plainReadsBack ? EmitStyle.Plain : EmitStyle.DoubleQuoted;
        }

        if (simpleKey && a.Multiline)
        {
            requested = EmitStyle.DoubleQuoted;
        }

        if (requested == EmitStyle.Plain && (!a.BlockPlainAllowed || (s.Length == 0 && simpleKey)))
        {
            requested = EmitStyle.SingleQuoted;
        }

        if (requested == EmitStyle.SingleQuoted && !a.SingleQuotedAllowed)
        {
            requested = EmitStyle.DoubleQuoted;
        }

        if (requested == EmitStyle.Literal && (!a.BlockAllowed || simpleKey))
        {
            requested = EmitStyle.DoubleQuoted;
        }

        return requested;
    }

    private static bool IsOldBool(string s) => s is "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO"
        or "on" or "On" or "ON" or "off" or "Off" or "OFF";

    internal static bool IsPrintable(int r) => r == 0x0A || (r >= 0x20 && r <= 0x7E) || (r >= 0xA0 && r <= 0xD7FF)
        || (r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF);

    internal static bool IsBreak(int r) => r is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;

    private static ScalarStyleAnalysis Analyze(string s)
    {
        if (s.Length == 0)
        {
            return new ScalarStyleAnalysis(false, true, true, false);
        }

        var runes = new List<int>(s.Length);
        foreach (var r in s.EnumerateRunes())
        {
            runes.Add(r.Value);
        }

        bool blockIndicators = false, lineBreaks = false, special = false, tabs = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        if (s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal))
        {
            blockIndicators = true;
        }

        var precededByWhitespace = true;
        for (var i = 0; i < runes.Count; i++)
        {
            var c = runes[i];
            var followedByWhitespace = i + 1 >= runes.Count || runes[i + 1] is ' ' or '\t' || IsBreak(runes[i + 1]);
            if (i == 0)
            {
                switch (c)
                {
                    case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                        blockIndicators = true;
                        break;
                    case '?' or ':' or '-' when followedByWhitespace:
                        blockIndicators = true;
                        break;
                }
            }
            else if ((c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace))
            {
                blockIndicators = true;
            }

            if (c == '\t')
            {
                tabs = true;
            }
            else if (!IsPrintable(c))
            {
                special = true;
            }

            if (c == ' ')
            {
                leadingSpace |= i == 0;
                trailingSpace |= i == runes.Count - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                lineBreaks = true;
                leadingBreak |= i == 0;
                trailingBreak |= i == runes.Count - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            precededByWhitespace = c is ' ' or '\t' || IsBreak(c);
        }

        var blockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace
            || spaceBreak || tabs || special || lineBreaks || blockIndicators);
        var single = !(breakSpace || spaceBreak || tabs || special);
        var block = !(trailingSpace || spaceBreak || special || tabs);
        return new ScalarStyleAnalysis(lineBreaks, blockPlain, single, block);
    }

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")]
    private static partial Regex Base60Float();
}
