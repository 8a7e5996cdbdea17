using System.Globalization;

namespace GitOps.Rendering.Yaml;

/// <summary>The scalar writers, following libyaml's emitter character by character.</summary>
internal sealed partial class YamlEmitter
{
    private static int[] ToRunes(string s)
    {
        var ascii = true;
        foreach (var c in s)
        {
            if (char.IsSurrogate(c))
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            var direct = new int[s.Length];
            for (var i = 0; i < s.Length; i++)
            {
                direct[i] = s[i];
            }

            return direct;
        }

        var list = new List<int>(s.Length);
        foreach (var r in s.EnumerateRunes())
        {
            list.Add(r.Value);
        }

        return [.. list];
    }

    private void WriteBreakRune(int rune)
    {
        if (rune == '\n')
        {
            PutBreak();
            return;
        }

        _out.Append(char.ConvertFromUtf32(rune));
        _column = 0;
        _indention = true;
    }

    private void WritePlain(string text, bool allowBreaks)
    {
        var v = ToRunes(text);
        if (v.Length > 0 && !_whitespace)
        {
            Put(' ');
        }

        var spaces = false;
        var breaks = false;
        for (var i = 0; i < v.Length; i++)
        {
            var c = v[i];
            if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i + 1 < v.Length && v[i + 1] != ' ')
                {
                    WriteIndent();
                }
                else
                {
                    PutRune(c);
                }

                spaces = true;
            }
            else if (ScalarAnalysis.IsBreak(c))
            {
                if (!breaks && c == '\n')
                {
                    PutBreak();
                }

                WriteBreakRune(c);
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                PutRune(c);
                _indention = false;
                spaces = false;
                breaks = false;
            }
        }

        if (v.Length > 0)
        {
            _whitespace = false;
        }

        _indention = false;
    }

    private void WriteSingleQuoted(string text, bool allowBreaks)
    {
        var v = ToRunes(text);
        WriteIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false);
        var spaces = false;
        var breaks = false;
        for (var i = 0; i < v.Length; i++)
        {
            var c = v[i];
            if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i > 0 && i < v.Length - 1 && v[i + 1] != ' ')
                {
                    WriteIndent();
                }
                else
                {
                    PutRune(c);
                }

                spaces = true;
            }
            else if (ScalarAnalysis.IsBreak(c))
            {
                if (!breaks && c == '\n')
                {
                    PutBreak();
                }

                WriteBreakRune(c);
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                if (c == '\'')
                {
                    Put('\'');
                }

                PutRune(c);
                _indention = false;
                spaces = false;
                breaks = false;
            }
        }

        WriteIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteDoubleQuoted(string text, bool allowBreaks)
    {
        var v = ToRunes(text);
        WriteIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false);
        var spaces = false;

        // Kustomize's encoder escapes every character of a string that starts with a byte order mark.
        var escapeAll = v.Length > 0 && v[0] == 0xFEFF;
        for (var i = 0; i < v.Length; i++)
        {
            var c = v[i];
            if (escapeAll || !ScalarAnalysis.IsPrintable(c) || c == 0xFEFF || ScalarAnalysis.IsBreak(c) || c == '"' || c == '\\')
            {
                Put('\\');
                switch (c)
                {
                    case 0x00: Put('0'); break;
                    case 0x07: Put('a'); break;
                    case 0x08: Put('b'); break;
                    case 0x09: Put('t'); break;
                    case 0x0A: Put('n'); break;
                    case 0x0B: Put('v'); break;
                    case 0x0C: Put('f'); break;
                    case 0x0D: Put('r'); break;
                    case 0x1B: Put('e'); break;
                    case 0x22: Put('"'); break;
                    case 0x5C: Put('\\'); break;
                    case 0x85: Put('N'); break;
                    case 0xA0: Put('_'); break;
                    case 0x2028: Put('L'); break;
                    case 0x2029: Put('P'); break;
                    default:
                        var (letter, width) = c <= 0xFF ? ('x', 2) : c <= 0xFFFF ? ('u', 4) : ('U', 8);
                        Put(letter);
                        foreach (var h in c.ToString("X" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
                        {
                            Put(h);
                        }

                        break;
                }

                spaces = false;
            }
            else if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i > 0 && i < v.Length - 1)
                {
                    WriteIndent();
                    if (v[i + 1] == ' ')
                    {
                        Put('\\');
                    }
                }
                else
                {
                    PutRune(c);
                }

                spaces = true;
            }
            else
            {
                PutRune(c);
                spaces = false;
            }
        }

        WriteIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteLiteral(string text)
    {
        var v = ToRunes(text);
        WriteIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false);
        if (v.Length > 0 && (v[0] == ' ' || ScalarAnalysis.IsBreak(v[0])))
        {
            WriteIndicator(BestIndent.ToString(CultureInfo.InvariantCulture), false, false, false);
        }

        string? chomp = null;
        if (v.Length == 0 || !ScalarAnalysis.IsBreak(v[^1]))
        {
            chomp = "-";
        }
        else if (v.Length == 1 || ScalarAnalysis.IsBreak(v[^2]))
        {
            chomp = "+";
        }

        if (chomp is not null)
        {
            WriteIndicator(chomp, false, false, false);
        }

        PutBreak();
        _whitespace = true;
        var breaks = true;
        foreach (var c in v)
        {
            if (ScalarAnalysis.IsBreak(c))
            {
                WriteBreakRune(c);
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                PutRune(c);
                _indention = false;
                breaks = false;
            }
        }
    }
}
