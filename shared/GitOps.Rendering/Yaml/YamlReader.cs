using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Rendering.Yaml;

/// <summary>
/// Reads a YAML stream into <see cref="JsonNode"/> trees with Kubernetes' typing, guarding against
/// alias bombs and oversized documents, and reporting errors as <c>file:line: message</c>.
/// </summary>
internal sealed partial class YamlReader
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private const string MergeKey = "<<";

    private readonly string _text;
    private readonly string _file;
    private readonly RenderOptions _options;
    private readonly bool _rawScalars;
    private readonly Dictionary<string, (JsonNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
    private long _aliasNodes;
    private int _lastLine = 1;
    private YamlLineMap _lines = new();

    /// <param name="rawScalars">
    /// Keep every non-null scalar as its source text (a string), as Kustomize reads its own
    /// kustomization file into string fields (<c>newTag: 1.10</c> stays "1.10").
    /// </param>
    public YamlReader(string text, string file, RenderOptions options, bool rawScalars = false)
    {
        _text = text;
        _file = file;
        _options = options;
        _rawScalars = rawScalars;
    }

    public IReadOnlyList<YamlDocument> ReadAll()
    {
        var documents = new List<YamlDocument>();
        var parser = new Parser(new StringReader(_text));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out var start))
            {
                parser.MoveNext();
                _anchors.Clear();
                _lines = new YamlLineMap();
                var (root, _) = ReadNode(parser);
                var end = parser.Consume<DocumentEnd>();
                CheckSize(start, end);
                documents.Add(new YamlDocument(root, LineOf(start.Start), _lines));
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException e)
        {
            throw RenderException.At(_file, LineOf(e.Start), "invalid YAML: " + StripPosition(e.Message), e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way on some malformed input (an unclosed flow collection).
            throw RenderException.At(_file, _lastLine, "invalid YAML: unexpected content (an unclosed [ or {?)", e);
        }

        return documents;
    }

    private static int LineOf(Mark mark) => (int)Math.Max(1, mark.Line);

    private static string StripPosition(string message) => PositionPrefix().Replace(message, string.Empty);

    private void CheckSize(DocumentStart start, DocumentEnd end)
    {
        var from = (int)Math.Min(start.Start.Index, _text.Length);
        var to = (int)Math.Min(Math.Max(end.End.Index, from), _text.Length);
        if (to - from > _options.MaxDocumentBytes / 4
            && Encoding.UTF8.GetByteCount(_text.AsSpan(from, to - from)) > _options.MaxDocumentBytes)
        {
            throw RenderException.At(_file, LineOf(start.Start), $"YAML document is larger than the {_options.MaxDocumentBytes} bytes allowed");
        }
    }

    /// <summary>Reads one node; returns it and how many nodes it holds (for the alias budget).</summary>
    private (JsonNode? Node, int Size) ReadNode(IParser parser)
    {
        var ev = parser.Current ?? throw new YamlException("unexpected end of stream");
        _lastLine = LineOf(ev.Start);
        switch (ev)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return Expand(alias);
            case Scalar scalar:
                parser.MoveNext();
                var value = ReadScalar(scalar);
                Register(scalar.Anchor, value, 1, scalar.Start);
                return (value, 1);
            case SequenceStart seq:
                parser.MoveNext();
                return ReadSequence(parser, seq);
            case MappingStart map:
                parser.MoveNext();
                return ReadMapping(parser, map);
            default:
                throw RenderException.At(_file, LineOf(ev.Start), $"unexpected YAML event {ev.GetType().Name}");
        }
    }

    private (JsonNode? Node, int Size) ReadSequence(IParser parser, SequenceStart seq)
    {
        var array = new JsonArray();
        _lines.AddNode(array, LineOf(seq.Start));
        var size = 1;
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            var (item, itemSize) = ReadNode(parser);
            array.Add(item);
            size += itemSize;
        }

        Register(seq.Anchor, array, size, seq.Start);
        return (array, size);
    }

    private (JsonNode? Node, int Size) ReadMapping(IParser parser, MappingStart map)
    {
        var obj = new JsonObject();
        _lines.AddNode(obj, LineOf(map.Start));
        var size = 1;
        var merges = new List<(JsonNode? Node, Mark At)>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current;
            if (keyEvent is not Scalar keyScalar)
            {
                throw RenderException.At(_file, keyEvent is null ? null : LineOf(keyEvent.Start), "mapping keys must be scalars");
            }

            parser.MoveNext();
            var key = keyScalar.Value;
            var (value, valueSize) = ReadNode(parser);
            size += valueSize;
            if (key == MergeKey && keyScalar.Style == ScalarStyle.Plain)
            {
                merges.Add((value, keyScalar.Start));
                continue;
            }

            if (keyScalar.Style == ScalarStyle.Plain && ScalarResolver.Classify(key) is not ScalarResolver.Kind.String
                && !(key == MergeKey))
            {
                // Kustomize cannot serialize a map with a number, boolean or null key: quote it.
                throw RenderException.At(_file, LineOf(keyScalar.Start), $"mapping key {(key.Length == 0 ? "(empty)" : key)} is not a string: quote it");
            }

            if (obj.ContainsKey(key))
            {
                throw RenderException.At(_file, LineOf(keyScalar.Start), $"mapping key \"{key}\" already defined at line {_lines.LineOf(obj, key)}");
            }

            obj[key] = value;
            _lines.AddKey(obj, key, LineOf(keyScalar.Start));
        }

        foreach (var (merge, at) in merges)
        {
            ApplyMerge(obj, merge, at);
        }

        Register(map.Anchor, obj, size, map.Start);
        return (obj, size);
    }

    private void ApplyMerge(JsonObject target, JsonNode? merge, Mark at)
    {
        var sources = merge switch
        {
            JsonObject o => [o],
            JsonArray a when a.All(n => n is JsonObject) => a.Cast<JsonObject>().ToList(),
            _ => throw RenderException.At(_file, LineOf(at), "map merge (<<) requires a mapping or a sequence of mappings"),
        };
        foreach (var source in sources)
        {
            foreach (var (k, v) in source)
            {
                if (!target.ContainsKey(k))
                {
                    target[k] = v?.DeepClone();
                }
            }
        }
    }

    private JsonNode? ReadScalar(Scalar scalar)
    {
        JsonNode? value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (_rawScalars && scalar.Style == ScalarStyle.Plain)
        {
            value = ScalarResolver.Classify(scalar.Value) == ScalarResolver.Kind.Null ? null : JsonValue.Create(scalar.Value);
        }
        else if (tag == StrTag || (scalar.Style != ScalarStyle.Plain && (tag is null or "!")))
        {
            value = JsonValue.Create(scalar.Value);
        }
        else
        {
            value = ScalarResolver.ToNode(scalar.Value, out var kind);
            if (kind == ScalarResolver.Kind.NotFinite)
            {
                throw RenderException.At(_file, LineOf(scalar.Start), $"value \"{scalar.Value}\" cannot be represented in JSON");
            }
        }

        if (value is not null)
        {
            _lines.AddNode(value, LineOf(scalar.Start));
        }

        return value;
    }

    private void Register(AnchorName anchor, JsonNode? node, int size, Mark at)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, size);
        }
    }

    private (JsonNode? Node, int Size) Expand(AnchorAlias alias)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            throw RenderException.At(_file, LineOf(alias.Start), $"unknown anchor \"{alias.Value.Value}\" referenced");
        }

        _aliasNodes += anchored.Size;
        if (_aliasNodes > _options.MaxAliasExpansions)
        {
            throw RenderException.At(_file, LineOf(alias.Start), $"YAML aliases expand to more than {_options.MaxAliasExpansions} nodes (alias bomb?)");
        }

        return (anchored.Node?.DeepClone(), anchored.Size);
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
