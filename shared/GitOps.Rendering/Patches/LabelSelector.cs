using System.Globalization;
using System.Text;

namespace GitOps.Rendering.Patches;

/// <summary>
/// Kubernetes label selector strings, as <c>kubectl -l</c> and kustomize's <c>labelSelector</c> and
/// <c>annotationSelector</c> take them: comma-separated requirements <c>key=value</c>, <c>key==value</c>,
/// <c>key!=value</c>, <c>key in (a,b)</c>, <c>key notin (a,b)</c>, <c>key</c> (exists), <c>!key</c>,
/// <c>key&gt;1</c>, <c>key&lt;1</c>; all must hold. <c>!=</c> and <c>notin</c> hold when the key is absent.
/// An empty selector matches everything.
/// </summary>
public static class LabelSelector
{
    /// <summary>Parses <paramref name="selector"/>; throws <see cref="FormatException"/> naming it when malformed.</summary>
    public static Func<IReadOnlyDictionary<string, string>, bool> Parse(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var requirements = ParseRequirements(selector);
        return labels => requirements.All(r => r.Matches(labels));
    }

    internal static IReadOnlyList<LabelRequirement> ParseRequirements(string selector)
    {
        var tokens = Tokenize(selector);
        var requirements = new List<LabelRequirement>();
        var position = 0;
        while (position < tokens.Count)
        {
            requirements.Add(ParseRequirement(selector, tokens, ref position));
            if (position < tokens.Count)
            {
                Expect(selector, tokens, ref position, ",");
                if (position == tokens.Count)
                {
                    throw Error(selector, "it ends with ','");
                }
            }
        }

        return requirements;
    }

    private static LabelRequirement ParseRequirement(string selector, List<string> tokens, ref int position)
    {
        if (tokens[position] == "!")
        {
            position++;
            return new LabelRequirement(Identifier(selector, tokens, ref position, "a label key after '!'"), LabelOperator.DoesNotExist, []);
        }

        var key = Identifier(selector, tokens, ref position, "a label key");
        if (position == tokens.Count || tokens[position] == ",")
        {
            return new LabelRequirement(key, LabelOperator.Exists, []);
        }

        var op = tokens[position++];
        switch (op)
        {
            case "=" or "==" or "!=":
            {
                var value = position < tokens.Count && tokens[position] != "," ? Identifier(selector, tokens, ref position, "a value") : string.Empty;
                return new LabelRequirement(key, op == "!=" ? LabelOperator.NotEquals : LabelOperator.Equals, [value]);
            }

            case ">" or "<":
            {
                var value = Identifier(selector, tokens, ref position, "an integer");
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    throw Error(selector, $"'{value}' after '{op}' is not an integer");
                }

                return new LabelRequirement(key, op == ">" ? LabelOperator.GreaterThan : LabelOperator.LessThan, [value]);
            }

            case "in" or "notin":
                return new LabelRequirement(key, op == "in" ? LabelOperator.In : LabelOperator.NotIn, ValueSet(selector, tokens, ref position));
            default:
                throw Error(selector, $"expected an operator (=, ==, !=, in, notin, <, >) after '{key}', found '{op}'");
        }
    }

    private static List<string> ValueSet(string selector, List<string> tokens, ref int position)
    {
        Expect(selector, tokens, ref position, "(");
        var values = new List<string>();
        while (true)
        {
            if (position < tokens.Count && tokens[position] is "," or ")")
            {
                values.Add(string.Empty);
            }
            else
            {
                values.Add(Identifier(selector, tokens, ref position, "a value"));
            }

            if (position < tokens.Count && tokens[position] == ",")
            {
                position++;
                continue;
            }

            Expect(selector, tokens, ref position, ")");
            return values;
        }
    }

    private static string Identifier(string selector, List<string> tokens, ref int position, string what)
    {
        if (position >= tokens.Count || !IsIdentifier(tokens[position]))
        {
            throw Error(selector, position >= tokens.Count ? $"expected {what} at the end" : $"expected {what}, found '{tokens[position]}'");
        }

        return tokens[position++];
    }

    private static void Expect(string selector, List<string> tokens, ref int position, string token)
    {
        if (position >= tokens.Count || tokens[position] != token)
        {
            throw Error(selector, position >= tokens.Count ? $"expected '{token}' at the end" : $"expected '{token}', found '{tokens[position]}'");
        }

        position++;
    }

    private static bool IsIdentifier(string token)
        => token.Length > 0 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');

    private static List<string> Tokenize(string selector)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        for (var i = 0; i < selector.Length; i++)
        {
            var c = selector[i];
            if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else if (c is ',' or '(' or ')' or '<' or '>')
            {
                Flush();
                tokens.Add(c.ToString());
            }
            else if (c is '=' or '!')
            {
                Flush();
                var twoChar = i + 1 < selector.Length && selector[i + 1] == '=';
                tokens.Add(twoChar ? c + "=" : c.ToString());
                i += twoChar ? 1 : 0;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
            {
                current.Append(c);
            }
            else
            {
                throw Error(selector, $"unexpected character '{c}'");
            }
        }

        Flush();
        return tokens;
    }

    private static FormatException Error(string selector, string problem)
        => new($"label selector '{selector}': {problem}");
}
