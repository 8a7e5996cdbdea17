using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Rendering.Patches;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// <c>replacements</c>: copies a field of one source object into fields of target objects, as
/// kustomize's ReplacementTransformer does (the last builtin transformer of a kustomization).
/// Sources and targets are selected by their current or any previous id.
/// </summary>
internal static class ReplacementTransformer
{
    public static void Apply(ResourceMap map, KustomizationFiles files, Kustomization k)
    {
        foreach (var entry in k.Replacements)
        {
            if (entry.Inline is not null)
            {
                Apply(map.Items, entry.Inline);
                continue;
            }

            var (text, path) = files.ReadInside(k, entry.Path!, entry.Line);
            foreach (var replacement in KustomizationParser.ParseReplacementFile(text, path, files.Options))
            {
                Apply(map.Items, replacement);
            }
        }
    }

    public static void Apply(IReadOnlyList<KResource> items, Replacement replacement)
    {
        var value = SourceValue(items, replacement);
        foreach (var target in replacement.Targets)
        {
            if (target.Select is null)
            {
                throw RenderException.At(replacement.File, replacement.Line, "replacement target must specify resources to select");
            }

            var labels = new PatchTarget { LabelSelector = target.Select.LabelSelector, AnnotationSelector = target.Select.AnnotationSelector };
            foreach (var r in items)
            {
                if (!labels.Matches(r.Body) || !r.AnyId(target.Select.SelectsId)
                    || target.Reject.Any(reject => Rejects(reject, r)))
                {
                    continue;
                }

                foreach (var fieldPath in target.FieldPaths)
                {
                    CopyTo(r, fieldPath, value, target.Options, replacement);
                }
            }
        }
    }

    private static bool Rejects(ReplacementSelector reject, KResource r)
    {
        var labelled = !string.IsNullOrEmpty(reject.LabelSelector) || !string.IsNullOrEmpty(reject.AnnotationSelector);
        if (labelled && !new PatchTarget { LabelSelector = reject.LabelSelector, AnnotationSelector = reject.AnnotationSelector }.Matches(r.Body))
        {
            return false;
        }

        return reject.IsEmpty ? labelled : r.AnyId(reject.SelectsId);
    }

    private static JsonNode SourceValue(IReadOnlyList<KResource> items, Replacement replacement)
    {
        var selector = replacement.Source.Selector;
        KResource? source = null;
        foreach (var r in items)
        {
            if (!r.AnyId(selector.SelectsId))
            {
                continue;
            }

            if (source is not null)
            {
                throw RenderException.At(replacement.File, replacement.Line,
                    $"multiple matches for selector {selector}: {source.CurrentId} and {r.CurrentId}");
            }

            source = r;
        }

        if (source is null)
        {
            throw RenderException.At(replacement.File, replacement.Line, $"replacement source: nothing selected by {selector}");
        }

        var path = replacement.Source.FieldPath;
        var node = FieldPath.Lookup(source.Body, path);
        if (node is null || node is JsonObject { Count: 0 } || node is JsonArray { Count: 0 }
            || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0))
        {
            throw RenderException.At(replacement.File, replacement.Line, $"fieldPath `{path}` is missing for replacement source {selector}");
        }

        var options = replacement.Source.Options;
        if (string.IsNullOrEmpty(options?.Delimiter))
        {
            return node;
        }

        if (JsonNodeText.ScalarText(node) is not { } text)
        {
            throw RenderException.At(replacement.File, replacement.Line, "delimiter option can only be used with scalar nodes");
        }

        var parts = text.Split(options.Delimiter);
        if (options.Index < 0 || options.Index >= parts.Length)
        {
            throw RenderException.At(replacement.File, replacement.Line, $"options.index {options.Index} is out of bounds for value {text}");
        }

        // kyaml copies the node and sets its text: a number or boolean source keeps its tag.
        return node is JsonValue sv && sv.GetValueKind() == JsonValueKind.String ? JsonValue.Create(parts[options.Index]) : Typed(parts[options.Index]) ?? JsonValue.Create(parts[options.Index]);
    }

    private static JsonNode? Typed(string text)
    {
        var resolved = Yaml.ScalarResolver.ToNode(text, out var kind);
        return kind == Yaml.ScalarResolver.Kind.NotFinite ? JsonValue.Create(text) : resolved;
    }

    private static void CopyTo(KResource r, string fieldPath, JsonNode value, ReplacementOptions? options, Replacement replacement)
    {
        var create = options?.Create == true;
        var slots = FieldPath.Find(r.Body, fieldPath, create ? () => value is JsonValue ? null : value.DeepClone() : null);
        if (slots.Count == 0)
        {
            var what = create ? "find or create" : "find";
            throw RenderException.At(replacement.File, replacement.Line,
                $"unable to {what} field \"{fieldPath}\" in replacement target {r.CurrentId}");
        }

        foreach (var slot in slots)
        {
            var old = slot.Value;
            var updated = NewValue(old, value, options, replacement);
            if (old is JsonValue ov && ov.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                && !SameScalarType(ov, updated))
            {
                // The field keeps its !!int/!!float/!!bool tag, and Kustomize fails decoding the object.
                throw RenderException.At(replacement.File, replacement.Line,
                    $"replacement target {r.CurrentId} field \"{fieldPath}\": cannot decode `{JsonNodeText.ScalarText(updated) ?? string.Empty}` as a {(ov.GetValueKind() == JsonValueKind.Number ? "number" : "boolean")}");
            }

            slot.Set(updated);
        }
    }

    /// <summary>
    /// As kyaml: a scalar target keeps its YAML type and takes the value's text (so a number copied into
    /// a string stays a quoted string, and text copied into a number, a boolean or a created field is
    /// typed as YAML types it); any other target is replaced by a copy of the value.
    /// </summary>
    private static JsonNode? NewValue(JsonNode? target, JsonNode value, ReplacementOptions? options, Replacement replacement)
    {
        var targetIsScalar = target is null or JsonValue;
        if (!string.IsNullOrEmpty(options?.Delimiter))
        {
            if (!targetIsScalar)
            {
                throw RenderException.At(replacement.File, replacement.Line, "delimiter option can only be used with scalar nodes");
            }

            var parts = (JsonNodeText.ScalarText(target) ?? string.Empty).Split(options.Delimiter).ToList();
            var text = JsonNodeText.ScalarText(value) ?? string.Empty;
            if (options.Index < 0)
            {
                parts.Insert(0, text);
            }
            else if (options.Index >= parts.Count)
            {
                parts.Add(text);
            }
            else
            {
                parts[options.Index] = text;
            }

            value = JsonValue.Create(string.Join(options.Delimiter, parts));
        }

        if (!targetIsScalar || (value is not JsonValue && target is null))
        {
            return value.DeepClone();
        }

        if (value is not JsonValue)
        {
            // kyaml copies only the text of the value into a scalar target, and a map or list has none.
            value = JsonValue.Create(string.Empty);
        }

        var valueText = JsonNodeText.ScalarText(value) ?? string.Empty;
        if (target is JsonValue t && t.GetValueKind() == JsonValueKind.String)
        {
            return JsonValue.Create(valueText);
        }

        // The node keeps its non-string tag (or, created, has none), so the text is printed plain and read back typed.
        return Typed(valueText);
    }

    private static bool SameScalarType(JsonValue old, JsonNode? updated)
    {
        if (updated is not JsonValue u)
        {
            return updated is not null;
        }

        return old.GetValueKind() switch
        {
            JsonValueKind.Number => u.GetValueKind() == JsonValueKind.Number
                && (u.TryGetValue<long>(out _) || u.TryGetValue<ulong>(out _) || !(old.TryGetValue<long>(out _) || old.TryGetValue<ulong>(out _))),
            _ => u.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        };
    }
}
