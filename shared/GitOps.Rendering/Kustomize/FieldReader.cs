using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Rendering.Yaml;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// Reads the fields of one mapping of a kustomization file strictly: every key must be known, and
/// every error names the file and line.
/// </summary>
internal sealed class FieldReader
{
    private readonly JsonObject _map;
    private readonly YamlLineMap _lines;
    private readonly string _context;

    public FieldReader(JsonObject map, YamlLineMap lines, string file, string context)
    {
        _map = map;
        _lines = lines;
        File = file;
        _context = context;
    }

    public string File { get; }

    public int? Line => _lines.LineOf(_map);

    public JsonObject Map => _map;

    public int? LineOf(string key) => _lines.LineOf(_map, key);

    public int? LineOf(JsonNode? node) => _lines.LineOf(node);

    /// <summary>Rejects keys outside <paramref name="supported"/>; <paramref name="unsupported"/> get a clearer message.</summary>
    public void CheckKeys(IReadOnlySet<string> supported, IReadOnlySet<string>? unsupported = null)
    {
        foreach (var (key, _) in _map)
        {
            if (supported.Contains(key))
            {
                continue;
            }

            if (unsupported is not null && unsupported.Contains(key))
            {
                throw Error(key, $"field \"{key}\" is not supported by this renderer");
            }

            throw Error(key, $"unknown field \"{key}\"{_context}");
        }
    }

    public RenderException Error(string key, string text) => RenderException.At(File, LineOf(key), text);

    public RenderException ErrorAt(JsonNode? node, string text) => RenderException.At(File, LineOf(node) ?? Line, text);

    public string? String(string key)
    {
        var node = _map[key];
        return node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw Error(key, $"field \"{key}\" must be a string (quote the value)"),
        };
    }

    public string RequiredString(string key)
        => String(key) is { Length: > 0 } s ? s : throw RenderException.At(File, Line, $"field \"{key}\" is required{_context}");

    public bool Bool(string key)
        => _map[key] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
            JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
            _ => throw Error(key, $"field \"{key}\" must be true or false"),
        };

    public long? Long(string key)
        => _map[key] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<long>(out var l) => l,
            _ => throw Error(key, $"field \"{key}\" must be an integer"),
        };

    public List<string> Strings(string key)
    {
        var result = new List<string>();
        switch (_map[key])
        {
            case null:
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    result.Add(item is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        ? v.GetValue<string>()
                        : throw ErrorAt(item, $"the items of \"{key}\" must be strings (quote the value)"));
                }

                break;
            default:
                throw Error(key, $"field \"{key}\" must be a list of strings");
        }

        return result;
    }

    public List<PathEntry> Paths(string key)
        => Strings(key).Select((p, i) => new PathEntry(p, LineOf((_map[key] as JsonArray)?[i]) ?? LineOf(key))).ToList();

    /// <summary>A map of string to string, in file order.</summary>
    public List<KeyValuePair<string, string>> StringMap(string key)
    {
        var result = new List<KeyValuePair<string, string>>();
        switch (_map[key])
        {
            case null:
                break;
            case JsonObject obj:
                foreach (var (k, v) in obj)
                {
                    result.Add(new(k, v switch
                    {
                        null => string.Empty,
                        JsonValue sv when sv.GetValueKind() == JsonValueKind.String => sv.GetValue<string>(),
                        _ => throw ErrorAt(v, $"the values of \"{key}\" must be strings (quote the value)"),
                    }));
                }

                break;
            default:
                throw Error(key, $"field \"{key}\" must be a map of strings");
        }

        return result;
    }

    /// <summary>The mappings of a list field, each as a reader.</summary>
    public List<FieldReader> Objects(string key, string itemContext)
    {
        var result = new List<FieldReader>();
        switch (_map[key])
        {
            case null:
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    result.Add(item is JsonObject o
                        ? new FieldReader(o, _lines, File, itemContext)
                        : throw ErrorAt(item, $"the items of \"{key}\" must be maps"));
                }

                break;
            default:
                throw Error(key, $"field \"{key}\" must be a list");
        }

        return result;
    }

    public FieldReader? Object(string key, string context)
        => _map[key] switch
        {
            null => null,
            JsonObject o => new FieldReader(o, _lines, File, context),
            _ => throw Error(key, $"field \"{key}\" must be a map"),
        };
}
