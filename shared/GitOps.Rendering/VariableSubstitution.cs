using System.Text;
using System.Text.Json.Nodes;
using GitOps.Rendering.Yaml;

namespace GitOps.Rendering;

/// <summary>
/// Post-build variable substitution in the style of Flux: <c>${VAR}</c> and <c>${VAR:=default}</c>
/// (or <c>${VAR:-default}</c>)
/// in string values, <c>$${VAR}</c> for a literal <c>${VAR}</c>. A value that is exactly one
/// placeholder takes the type its substitute reads as (so <c>replicas: ${REPLICAS}</c> becomes a
/// number), except where Kubernetes only allows strings (ConfigMap and Secret data, labels,
/// annotations). Objects annotated <c>kustomize.toolkit.fluxcd.io/substitute: disabled</c> are left alone.
/// </summary>
internal sealed class VariableSubstitution
{
    private const string DisableAnnotation = "kustomize.toolkit.fluxcd.io/substitute";

    private readonly IReadOnlyDictionary<string, string> _variables;
    private readonly bool _strict;

    public VariableSubstitution(IReadOnlyDictionary<string, string> variables, bool strict)
    {
        _variables = variables;
        _strict = strict;
    }

    public void Apply(RenderedObject obj)
    {
        if (obj.Body["metadata"] is JsonObject { } meta && meta["annotations"] is JsonObject ann
            && ann[DisableAnnotation] is JsonValue v && v.TryGetValue<string>(out var s) && s == "disabled")
        {
            return;
        }

        var stringMaps = obj.Kind is "ConfigMap" or "Secret";
        foreach (var key in obj.Body.Select(p => p.Key).ToList())
        {
            if (obj.Body[key] is { } child)
            {
                var keepStrings = key == "metadata" || (stringMaps && key is "data" or "stringData" or "binaryData");
                var replaced = Substitute(child, obj, keepStrings);
                if (!ReferenceEquals(replaced, child))
                {
                    obj.Body[key] = replaced;
                }
            }
        }
    }

    private void Visit(JsonNode node, RenderedObject owner, bool keepStrings)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (o[key] is { } child)
                    {
                        var replaced = Substitute(child, owner, keepStrings);
                        if (!ReferenceEquals(replaced, child))
                        {
                            o[key] = replaced;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } child)
                    {
                        var replaced = Substitute(child, owner, keepStrings);
                        if (!ReferenceEquals(replaced, child))
                        {
                            a[i] = replaced;
                        }
                    }
                }

                break;
        }
    }

    private JsonNode? Substitute(JsonNode node, RenderedObject owner, bool keepStrings)
    {
        if (node is not JsonValue value)
        {
            Visit(node, owner, keepStrings);
            return node;
        }

        if (!value.TryGetValue<string>(out var text) || !text.Contains("${", StringComparison.Ordinal))
        {
            return node;
        }

        var result = Expand(text, owner, out var wholeValue);
        if (result == text)
        {
            return node;
        }

        if (wholeValue && !keepStrings && result.Length > 0)
        {
            var typed = ScalarResolver.ToNode(result, out var kind);
            if (kind is ScalarResolver.Kind.Int or ScalarResolver.Kind.Float or ScalarResolver.Kind.Bool)
            {
                return typed;
            }
        }

        return JsonValue.Create(result);
    }

    /// <summary>Expands placeholders; <paramref name="wholeValue"/> tells whether the text was exactly one placeholder.</summary>
    internal string Expand(string text, RenderedObject owner, out bool wholeValue)
    {
        wholeValue = false;
        var sb = new StringBuilder(text.Length);
        var i = 0;
        var placeholders = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                sb.Append('$');
                i += 2;
                var close = text.IndexOf('}', i);
                var end = close < 0 ? text.Length : close + 1;
                sb.Append(text, i, end - i);
                i = end;
                continue;
            }

            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    throw RenderException.ForObject(owner.Id, owner.SourceFile, $"unterminated variable reference in \"{text}\"");
                }

                var expr = text[(i + 2)..close];
                sb.Append(Resolve(expr, owner));
                placeholders++;
                wholeValue = i == 0 && close == text.Length - 1;
                i = close + 1;
                continue;
            }

            sb.Append(text[i]);
            i++;
        }

        wholeValue = wholeValue && placeholders == 1;
        return sb.ToString();
    }

    private string Resolve(string expr, RenderedObject owner)
    {
        var name = expr;
        string? fallback = null;
        var op = expr.IndexOf(":=", StringComparison.Ordinal);
        if (op < 0)
        {
            op = expr.IndexOf(":-", StringComparison.Ordinal);
        }

        if (op >= 0)
        {
            name = expr[..op];
            fallback = expr[(op + 2)..];
        }

        if (!IsValidName(name))
        {
            throw RenderException.ForObject(owner.Id, owner.SourceFile, $"invalid variable reference \"${{{expr}}}\"");
        }

        if (_variables.TryGetValue(name, out var value))
        {
            return value;
        }

        if (fallback is not null)
        {
            return fallback;
        }

        if (_strict)
        {
            throw RenderException.ForObject(owner.Id, owner.SourceFile, $"variable \"{name}\" is not defined and has no default (strict substitution)");
        }

        return string.Empty;
    }

    private static bool IsValidName(string name)
        => name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
