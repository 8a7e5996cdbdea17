using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Yaml;

/// <summary>
/// Writes a JSON tree as block YAML exactly as <c>kubectl kustomize</c> prints it: keys in go-yaml's
/// order, 2-space indentation, sequences not indented under their key, libyaml's quoting and its
/// folding of long scalars at 80 columns. Follows libyaml's emitter state (column, indent,
/// whitespace, indention) so that line folding lands where Kustomize's does.
/// </summary>
internal sealed partial class YamlEmitter
{
    private const int BestIndent = 2;
    private const int BestWidth = 80;

    private readonly StringBuilder _out;
    private readonly Stack<int> _indents = new();
    private int _indent = -1;
    private int _column;
    private bool _whitespace = true;
    private bool _indention = true;

    public YamlEmitter(StringBuilder output)
    {
        _out = output;
    }

    /// <summary>Writes one document (without a separator).</summary>
    public void WriteDocument(JsonNode? root)
    {
        _indent = -1;
        _indents.Clear();
        _column = 0;
        _whitespace = true;
        _indention = true;
        EmitNode(root, parentIsSequenceItem: false, mappingContext: false, simpleKey: false);
        WriteIndent();
    }

    private void EmitNode(JsonNode? node, bool parentIsSequenceItem, bool mappingContext, bool simpleKey)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 0:
                EmitEmptyFlow("{", "}");
                break;
            case JsonObject obj:
                EmitMapping(obj, parentIsSequenceItem);
                break;
            case JsonArray arr when arr.Count == 0:
                EmitEmptyFlow("[", "]");
                break;
            case JsonArray arr:
                EmitSequence(arr, parentIsSequenceItem, mappingContext);
                break;
            default:
                EmitScalar(node, parentIsSequenceItem, simpleKey);
                break;
        }
    }

    private void EmitEmptyFlow(string open, string close)
    {
        WriteIndicator(open, needWhitespace: true, isWhitespace: true, isIndention: false);
        WriteIndicator(close, needWhitespace: false, isWhitespace: false, isIndention: false);
    }

    private void EmitMapping(JsonObject obj, bool parentIsSequenceItem)
    {
        IncreaseIndent(flow: false, compactSequence: false, parentIsSequenceItem);
        var keys = new string[obj.Count];
        var i = 0;
        foreach (var (key, _) in obj)
        {
            keys[i++] = key;
        }

        Array.Sort(keys, YamlKeyComparer.Instance);
        foreach (var key in keys)
        {
            WriteIndent();
            EmitScalarText(key, parentIsSequenceItem: false, simpleKey: true, isString: true);
            WriteIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false);
            EmitNode(obj[key], parentIsSequenceItem: false, mappingContext: true, simpleKey: false);
        }

        PopIndent();
    }

    private void EmitSequence(JsonArray arr, bool parentIsSequenceItem, bool mappingContext)
    {
        var compact = mappingContext && (_column == 0 || !_indention);
        IncreaseIndent(flow: false, compact, parentIsSequenceItem);
        foreach (var item in arr)
        {
            WriteIndent();
            WriteIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true);
            EmitNode(item, parentIsSequenceItem: true, mappingContext: false, simpleKey: false);
        }

        PopIndent();
    }

    private void EmitScalar(JsonNode? node, bool parentIsSequenceItem, bool simpleKey)
    {
        if (node is null)
        {
            EmitScalarText("null", parentIsSequenceItem, simpleKey, isString: false);
            return;
        }

        var value = node.AsValue();
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                EmitScalarText(value.GetValue<string>(), parentIsSequenceItem, simpleKey, isString: true);
                break;
            case JsonValueKind.True:
                EmitScalarText("true", parentIsSequenceItem, simpleKey, isString: false);
                break;
            case JsonValueKind.False:
                EmitScalarText("false", parentIsSequenceItem, simpleKey, isString: false);
                break;
            case JsonValueKind.Number:
                EmitScalarText(FormatNumber(value), parentIsSequenceItem, simpleKey, isString: false);
                break;
            default:
                EmitScalarText("null", parentIsSequenceItem, simpleKey, isString: false);
                break;
        }
    }

    internal static string FormatNumber(JsonValue value)
    {
        if (value.TryGetValue<long>(out var l))
        {
            return l.ToString(CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<ulong>(out var ul))
        {
            return ul.ToString(CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue<int>(out var n))
        {
            return n.ToString(CultureInfo.InvariantCulture);
        }

        var d = value.GetValue<double>();
        var normalized = ScalarResolver.FromDouble(d);
        if (normalized.TryGetValue<long>(out l))
        {
            return l.ToString(CultureInfo.InvariantCulture);
        }

        if (normalized.TryGetValue<ulong>(out ul))
        {
            return ul.ToString(CultureInfo.InvariantCulture);
        }

        return GoFloat.Format(d);
    }

    private void EmitScalarText(string text, bool parentIsSequenceItem, bool simpleKey, bool isString)
    {
        var style = isString ? ScalarAnalysis.Select(text, simpleKey) : EmitStyle.Plain;
        IncreaseIndent(flow: true, compactSequence: false, parentIsSequenceItem);
        var allowBreaks = !simpleKey;
        switch (style)
        {
            case EmitStyle.Plain:
                WritePlain(text, allowBreaks);
                break;
            case EmitStyle.SingleQuoted:
                WriteSingleQuoted(text, allowBreaks);
                break;
            case EmitStyle.DoubleQuoted:
                WriteDoubleQuoted(text, allowBreaks);
                break;
            default:
                WriteLiteral(text);
                break;
        }

        PopIndent();
    }

    private void IncreaseIndent(bool flow, bool compactSequence, bool parentIsSequenceItem)
    {
        _indents.Push(_indent);
        if (_indent < 0)
        {
            _indent = flow ? BestIndent : 0;
        }
        else
        {
            _indent = parentIsSequenceItem ? _indent + 2 : BestIndent * ((_indent + BestIndent) / BestIndent);
            if (compactSequence)
            {
                _indent -= 2;
            }
        }
    }

    private void PopIndent() => _indent = _indents.Pop();

    private void WriteIndent()
    {
        var indent = Math.Max(_indent, 0);
        if (!_indention || _column > indent || (_column == indent && !_whitespace))
        {
            PutBreak();
        }

        while (_column < indent)
        {
            Put(' ');
        }

        _whitespace = true;
    }

    private void WriteIndicator(string indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !_whitespace)
        {
            Put(' ');
        }

        foreach (var c in indicator)
        {
            Put(c);
        }

        _whitespace = isWhitespace;
        _indention = _indention && isIndention;
    }

    private void Put(char c)
    {
        _out.Append(c);
        _column++;
    }

    private void PutRune(int rune)
    {
        _out.Append(char.ConvertFromUtf32(rune));
        _column++;
    }

    private void PutBreak()
    {
        _out.Append('\n');
        _column = 0;
        _indention = true;
    }
}
