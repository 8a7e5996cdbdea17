using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// <c>vars</c>, as Kustomize resolves them: each kustomization binds its vars to the object their objref
/// names (by its current or any earlier id) once its own transformers have run; at the top, after hash
/// suffixes and name references, every var takes the value of its field in the bound object and
/// <c>$(NAME)</c> is replaced in the varReference fields of every object. <c>$$</c> is a literal <c>$</c>,
/// an unknown <c>$(NAME)</c> stays as it is, a value that is exactly <c>$(NAME)</c> takes the var's type.
/// </summary>
internal static class VarResolver
{
    /// <summary>Kustomize's MergeVars: binds <paramref name="k"/>'s vars to their objects in <paramref name="map"/> and adds them to its var set.</summary>
    public static void Bind(ResourceMap map, Kustomization k)
    {
        foreach (var v in k.Vars)
        {
            KResource? match = null;
            foreach (var r in map.Items)
            {
                if (!r.AnyId(v.ObjRef.Matches))
                {
                    continue;
                }

                if (match is not null)
                {
                    throw RenderException.At(v.File, v.Line,
                        $"var \"{v.Name}\": objref {v.ObjRef} matches more than one object ({match.CurrentId} and {r.CurrentId}); give its namespace");
                }

                match = r;
            }

            if (match is not null)
            {
                (match.Vars ??= new()).RefVarNames.Add(v.Name);
            }
        }

        map.AddVars(k.Vars, k.File);
    }

    /// <summary>Kustomize's ResolveVars (top kustomization only, after name references are fixed).</summary>
    public static void Resolve(ResourceMap map)
    {
        if (map.Vars is not { Count: > 0 } vars)
        {
            return;
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var v in vars.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            var source = map.Items.FirstOrDefault(r => r.Vars?.RefVarNames.Contains(v.Name) == true)
                ?? throw RenderException.At(v.File, v.Line,
                    $"var \"{v.Name}\" cannot be mapped to a field in the set of known resources: no object {v.ObjRef} (objref names the object by group, version, kind and name{(v.ObjRef.Version.Length == 0 ? "; without apiVersion or version it matches only objects that have no version" : string.Empty)})");
            values[v.Name] = FieldValue(source.Body, v.FieldPath)
                ?? throw RenderException.At(v.File, v.Line, $"var \"{v.Name}\": field \"{v.FieldPath}\" not found in {source.CurrentId}");
        }

        var specs = (IReadOnlyList<FieldSpec>?)map.Config?.VarReference ?? DefaultFieldSpecs.VarReference;
        foreach (var r in map.Items)
        {
            var id = r.CurrentId;
            var context = new Context(values, r);
            foreach (var spec in specs)
            {
                if (!spec.Selects(id))
                {
                    continue;
                }

                try
                {
                    Visit(r.Body, spec.Segments, 0, context, _ => { });
                }
                catch (VarFieldException e)
                {
                    throw RenderException.At(r.SourceFile, r.Line, $"{id}: varReference field \"{spec.Path}\": {e.Message}");
                }
            }

            // Kustomize writes metadata.annotations back as a map of strings at the end of the build.
            if (r.Body["metadata"] is JsonObject meta && meta["annotations"] is JsonObject annotations)
            {
                foreach (var (key, value) in annotations.ToArray())
                {
                    if (value is JsonValue jv && jv.GetValueKind() != JsonValueKind.String && Patches.JsonNodeText.ScalarText(jv) is { } text)
                    {
                        annotations[key] = text;
                    }
                }
            }
        }
    }

    private sealed class VarFieldException(string message) : Exception(message);

    /// <summary>The var values, and the shared entries of the object being resolved, by the value node they hold.</summary>
    private sealed class Context(Dictionary<string, object> values, KResource resource)
    {
        private readonly Dictionary<JsonNode, Shared>? _shared = Index(resource);

        public Dictionary<string, object> Values { get; } = values;

        /// <summary>
        /// <paramref name="updated"/> replaces <paramref name="old"/>; when <paramref name="old"/> is a shared entry,
        /// every field still holding the entry changes with it at once (Kustomize edits the one node in place,
        /// so a later varReference field visiting another of them sees the new text).
        /// </summary>
        public JsonNode Replace(JsonNode old, JsonNode updated)
        {
            if (_shared is null || !_shared.Remove(old, out var entry))
            {
                return updated;
            }

            for (var i = 0; i < entry.Members.Count; i++)
            {
                var (map, node) = entry.Members[i];
                if (ReferenceEquals(node, old))
                {
                    entry.Members[i] = (map, updated);
                }
                else if (ReferenceEquals(map[entry.Key], node))
                {
                    _shared.Remove(node);
                    var copy = updated.DeepClone();
                    map[entry.Key] = copy;
                    entry.Members[i] = (map, copy);
                }
                else
                {
                    continue;
                }

                _shared[entry.Members[i].Node] = entry;
            }

            return updated;
        }

        /// <summary>The fields of each shared entry that still hold the value the transformer set, by their value node.</summary>
        private static Dictionary<JsonNode, Shared>? Index(KResource resource)
        {
            if (resource.Vars?.SharedEntries is not { } entries)
            {
                return null;
            }

            var index = new Dictionary<JsonNode, Shared>(ReferenceEqualityComparer.Instance);
            foreach (var entry in entries)
            {
                var shared = new Shared(entry.Key);
                foreach (var path in entry.MapPaths)
                {
                    if (SharedEntry.MapAt(resource.Body, path) is { } map && map[entry.Key] is JsonValue v
                        && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == entry.Value && !index.ContainsKey(v))
                    {
                        shared.Members.Add((map, v));
                        index[v] = shared;
                    }
                }
            }

            return index;
        }
    }

    /// <summary>A shared entry's fields in the object as it is now.</summary>
    private sealed class Shared(string key)
    {
        public string Key { get; } = key;

        public List<(JsonObject Map, JsonNode Node)> Members { get; } = [];
    }

    /// <summary>Kustomize's fieldspec filter without creation: lists are walked, a scalar on the way is an error.</summary>
    private static void Visit(JsonNode? node, string[] segments, int index, Context values, Action<JsonNode> replace)
    {
        if (index == segments.Length)
        {
            Set(node, values, replace);
            return;
        }

        switch (node)
        {
            case null:
                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var at = i;
                    Visit(array[i], segments, index, values, n => array[at] = n);
                }

                return;
            case JsonObject obj:
                var segment = segments[index];
                var key = segment.EndsWith("[]", StringComparison.Ordinal) ? segment[..^2] : segment;
                if (key.Length == 0)
                {
                    throw new VarFieldException("cannot set or create an empty field name");
                }

                if (obj[key] is { } child)
                {
                    Visit(child, segments, index + 1, values, n => obj[key] = n);
                }

                return;
            default:
                throw new VarFieldException("expected sequence or mapping node");
        }
    }

    private static void Set(JsonNode? node, Context context, Action<JsonNode> replace)
    {
        switch (node)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                if (Expand(v.GetValue<string>(), context.Values) is { } expanded)
                {
                    replace(context.Replace(v, expanded));
                }

                break;
            case JsonObject map:
                foreach (var (key, value) in map.ToArray())
                {
                    if (value is JsonValue sv && sv.GetValueKind() == JsonValueKind.String && Expand(sv.GetValue<string>(), context.Values) is { } e)
                    {
                        map[key] = context.Replace(sv, e);
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is not JsonValue iv || iv.GetValueKind() != JsonValueKind.String)
                    {
                        throw new VarFieldException("invalid value type expect a string");
                    }

                    if (Expand(iv.GetValue<string>(), context.Values) is { } e)
                    {
                        list[i] = context.Replace(iv, e);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// Kustomize's DoReplacements; null when the text has no <c>$</c> (nothing changes). A text that is
    /// exactly <c>$(NAME)</c> of a known var takes the var's value and type.
    /// </summary>
    internal static JsonNode? Expand(string input, Dictionary<string, object> values)
    {
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return null;
        }

        var sb = new StringBuilder(input.Length);
        var checkpoint = 0;
        for (var cursor = 0; cursor < input.Length; cursor++)
        {
            if (input[cursor] != '$' || cursor + 1 >= input.Length)
            {
                continue;
            }

            sb.Append(input, checkpoint, cursor - checkpoint);
            var next = input[cursor + 1];
            var advance = 1;
            if (next == '$')
            {
                sb.Append('$');
            }
            else if (next == '(' && input.IndexOf(')', cursor + 2) is var close and >= 0)
            {
                var name = input[(cursor + 2)..close];
                advance = close - cursor;
                var known = values.TryGetValue(name, out var value) && value is not NotPrimitive;
                if (input.Length == name.Length + 3)
                {
                    // The whole value is one reference: it takes the var's type.
                    return known ? Typed(value!) : JsonValue.Create(input);
                }

                sb.Append(known ? Text(value!) : $"$({name})");
            }
            else
            {
                sb.Append('$').Append(next);
            }

            cursor += advance;
            checkpoint = cursor + 1;
        }

        sb.Append(input, checkpoint, input.Length - checkpoint);
        return JsonValue.Create(sb.ToString());
    }

    private static JsonNode Typed(object value) => value switch
    {
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Go's <c>fmt.Sprintf("%v")</c> of the value.</summary>
    private static string Text(object value) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => Yaml.GoFloat.Format(d),
        bool b => b ? "true" : "false",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>A map or list value: Kustomize leaves <c>$(NAME)</c> of such a var as it is.</summary>
    private sealed class NotPrimitive
    {
        public static readonly NotPrimitive Instance = new();
    }

    /// <summary>
    /// Kustomize's GetFieldValue: the path split on dots, <c>name[N]</c> as a field then a list index,
    /// <c>[k=v]</c> selecting a list element; null when the field is missing.
    /// </summary>
    private static object? FieldValue(JsonObject body, string path)
    {
        JsonNode? node = body;
        foreach (var part in Parts(path))
        {
            if (node is JsonArray array)
            {
                if (int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                {
                    if (i < 0 || i >= array.Count)
                    {
                        return null;
                    }

                    node = array[i];
                }
                else if (part == "-")
                {
                    if (array.Count == 0)
                    {
                        return null;
                    }

                    node = array[^1];
                }
                else if (part.Length > 2 && part[0] == '[' && part[^1] == ']' && part.IndexOf('=') is var eq and > 0)
                {
                    var key = part[1..eq];
                    var wanted = part[(eq + 1)..^1];
                    node = array.FirstOrDefault(e => key.Length == 0
                        ? Patches.JsonNodeText.ScalarText(e) == wanted
                        : e is JsonObject o && Patches.JsonNodeText.ScalarText(o[key]) == wanted);
                    if (node is null)
                    {
                        return null;
                    }
                }
                else
                {
                    return null;
                }
            }
            else if (node is JsonObject obj && !int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                && part is not ("-" or "*") && !(part.StartsWith('[') && part.EndsWith(']')))
            {
                if (!obj.TryGetPropertyValue(part, out node))
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        return node switch
        {
            null => "null",
            JsonObject or JsonArray => NotPrimitive.Instance,
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => v.GetValue<string>(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ when v.TryGetValue<long>(out var l) => l,
                _ when v.TryGetValue<double>(out var d) && !v.TryGetValue<ulong>(out _) => d,
                _ => null,
            },
            _ => null,
        };
    }

    private static IEnumerable<string> Parts(string path)
    {
        foreach (var raw in path.Split('.'))
        {
            var part = raw;
            if (part.EndsWith(']') && part.LastIndexOf('[') is var open and >= 0
                && part[(open + 1)..^1] is { Length: > 0 } digits && digits.All(char.IsAsciiDigit))
            {
                if (open > 0 && part[..open].Trim() is { Length: > 0 } field)
                {
                    yield return field;
                }

                yield return digits;
                continue;
            }

            if (part.Trim() is { Length: > 0 } trimmed)
            {
                yield return trimmed;
            }
        }
    }
}
