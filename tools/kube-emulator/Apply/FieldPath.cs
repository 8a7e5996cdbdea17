using System.Text;
using System.Text.Json.Nodes;

namespace KubeEmulator.Apply;

/// <summary>
/// A path into an object in the managedFields element format: <c>f:name</c> for a map field,
/// <c>k:{"name":"web"}</c> for an associative list item, <c>v:"x"</c> for a set member,
/// <c>i:0</c> for a list index.
/// </summary>
internal sealed class FieldPath : IEquatable<FieldPath>
{
    private const char Separator = '\u001f';

    public static readonly FieldPath Root = new([]);

    private FieldPath(string[] elements)
    {
        Elements = elements;
        Key = string.Join(Separator, elements);
    }

    public IReadOnlyList<string> Elements { get; }

    /// <summary>A unique string for the path, usable as a dictionary key.</summary>
    public string Key { get; }

    public int Depth => Elements.Count;

    public static FieldPath Of(IEnumerable<string> elements) => new([.. elements]);

    public FieldPath Append(string element) => new([.. Elements, element]);

    public FieldPath Field(string name) => Append("f:" + name);

    public bool IsProperPrefixOf(FieldPath other) =>
        other.Depth > Depth && other.Key.StartsWith(Key + (Depth == 0 ? "" : Separator), StringComparison.Ordinal);

    public IEnumerable<FieldPath> ProperPrefixes()
    {
        for (var length = 0; length < Elements.Count; length++)
        {
            yield return new FieldPath([.. Elements.Take(length)]);
        }
    }

    /// <summary>The path as the API server prints it in conflict messages: <c>.spec.template.spec.containers[name="web"].image</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var element in Elements)
        {
            var payload = element[2..];
            switch (element[0])
            {
                case 'f':
                    builder.Append('.').Append(payload);
                    break;
                case 'k':
                    var keys = JsonNode.Parse(payload) as JsonObject ?? [];
                    builder.Append('[')
                        .Append(string.Join(",", keys.Select(k => $"{k.Key}={k.Value?.ToJsonString()}")))
                        .Append(']');
                    break;
                case 'v':
                    builder.Append("[=").Append(payload).Append(']');
                    break;
                default:
                    builder.Append('[').Append(payload).Append(']');
                    break;
            }
        }

        return builder.ToString();
    }

    public bool Equals(FieldPath? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => Equals(obj as FieldPath);

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);
}
