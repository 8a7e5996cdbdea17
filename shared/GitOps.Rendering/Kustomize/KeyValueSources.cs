using System.Text;

namespace GitOps.Rendering.Kustomize;

/// <summary>Collects a generator's key/value pairs from literals, files and env files, as kustomize reads them.</summary>
internal sealed class KeyValueSources
{
    private readonly KustomizationFiles _files;
    private readonly Kustomization _k;
    private readonly GeneratorArgs _args;

    public KeyValueSources(KustomizationFiles files, Kustomization k, GeneratorArgs args)
    {
        _files = files;
        _k = k;
        _args = args;
    }

    public List<KeyValuePair<string, byte[]>> Collect()
    {
        var pairs = new List<KeyValuePair<string, byte[]>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string key, byte[] value)
        {
            if (!seen.Add(key))
            {
                throw RenderException.At(_k.File, _args.Line, $"generator \"{_args.Name}\" repeats the key \"{key}\"");
            }

            pairs.Add(new(key, value));
        }

        foreach (var env in _args.Envs)
        {
            foreach (var (key, value) in ReadEnvFile(env))
            {
                Add(key, Encoding.UTF8.GetBytes(value));
            }
        }

        foreach (var literal in _args.Literals)
        {
            var eq = literal.IndexOf('=');
            if (eq <= 0)
            {
                throw RenderException.At(_k.File, _args.Line, $"invalid literal \"{literal}\" in generator \"{_args.Name}\": expected KEY=VALUE");
            }

            Add(literal[..eq], Encoding.UTF8.GetBytes(RemoveQuotes(literal[(eq + 1)..])));
        }

        foreach (var file in _args.Files)
        {
            var eq = file.IndexOf('=');
            string key, path;
            if (eq < 0)
            {
                path = file;
                key = file[(file.LastIndexOf('/') + 1)..];
            }
            else
            {
                key = file[..eq];
                path = file[(eq + 1)..];
                if (key.Length == 0 || path.Length == 0)
                {
                    throw RenderException.At(_k.File, _args.Line, $"invalid file source \"{file}\" in generator \"{_args.Name}\": expected [KEY=]PATH");
                }
            }

            Add(key, _files.ReadBytesInside(_k, path, _args.Line).Bytes);
        }

        return pairs;
    }

    private static string RemoveQuotes(string s)
        => s.Length >= 2 && s[0] == s[^1] && s[0] is '"' or '\'' ? s[1..^1] : s;

    private IEnumerable<KeyValuePair<string, string>> ReadEnvFile(string path)
    {
        var (bytes, resolved) = _files.ReadBytesInside(_k, path, _args.Line);
        var text = Encoding.UTF8.GetString(bytes);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            line = line.TrimStart();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var eq = line.IndexOf('=');
            if (eq < 0)
            {
                throw RenderException.At(resolved, lineNumber, $"\"{line}\" has no value: values from the process environment are not supported");
            }

            if (eq == 0)
            {
                throw RenderException.At(resolved, lineNumber, "a line must start with a variable name");
            }

            yield return new(line[..eq], line[(eq + 1)..]);
        }
    }
}
