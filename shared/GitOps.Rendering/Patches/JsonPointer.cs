using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Patches;

/// <summary>An RFC 6901 JSON pointer: <c>""</c> is the whole document, <c>~1</c> is '/', <c>~0</c> is '~'.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(IReadOnlyList<string> tokens) => Tokens = tokens;

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    public string Last => Tokens[^1];

    /// <summary>Parses a pointer; throws <see cref="FormatException"/> for one that is not empty and lacks the leading '/'.</summary>
    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer([]);
        }

        if (text[0] != '/')
        {
            throw new FormatException($"'{text}' is not a JSON pointer: it must be empty or start with '/'");
        }

        var tokens = text[1..].Split('/').Select(Unescape).ToList();
        return new JsonPointer(tokens);
    }

    /// <summary>True when <paramref name="other"/> lies strictly inside this pointer's location.</summary>
    public bool IsProperPrefixOf(JsonPointer other)
        => other.Tokens.Count > Tokens.Count && Tokens.Select((t, i) => t == other.Tokens[i]).All(b => b);

    /// <summary>The container of the location: null when the path above it does not exist.</summary>
    public JsonNode? ResolveParent(JsonNode? root)
    {
        var node = root;
        for (var i = 0; i < Tokens.Count - 1; i++)
        {
            node = Child(node, Tokens[i]);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Whether the location exists, and its value (which may be a JSON null).</summary>
    public bool TryResolve(JsonNode? root, out JsonNode? value)
    {
        value = root;
        if (IsRoot)
        {
            return true;
        }

        var parent = ResolveParent(root);
        switch (parent)
        {
            case JsonObject obj:
                return obj.TryGetPropertyValue(Last, out value);
            case JsonArray array when TryIndex(Last, array.Count - 1, out var index):
                value = array[index];
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>An array index token: digits without a leading zero, at most <paramref name="max"/>.</summary>
    public static bool TryIndex(string token, int max, out int index)
    {
        index = -1;
        if (token.Length == 0 || token.Length > 9 || !token.All(char.IsAsciiDigit) || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        index = int.Parse(token, CultureInfo.InvariantCulture);
        return index <= max;
    }

    public override string ToString() => string.Concat(Tokens.Select(t => "/" + t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    private static JsonNode? Child(JsonNode? node, string token) => node switch
    {
        JsonObject obj => obj[token],
        JsonArray array when TryIndex(token, array.Count - 1, out var index) => array[index],
        _ => null,
    };

    private static string Unescape(string token)
        => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
