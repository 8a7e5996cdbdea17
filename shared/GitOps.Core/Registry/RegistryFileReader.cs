using System.Collections.Immutable;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Core.Registry;

/// <summary>
/// Reads one registry file into a <see cref="RegistrySnapshot"/>. Works on YamlDotNet's
/// representation model so that every error carries the line it concerns, and collects every
/// error before it throws, so that one run of <c>gitops registry apply</c> shows them all.
/// One instance reads one file.
/// </summary>
internal sealed partial class RegistryFileReader
{
    private static readonly ImmutableArray<string> RootFields = ["apiVersion", "kind", "sources", "clusters", "apps", "notifications"];

    private readonly string _file;
    private readonly List<RegistryFileError> _errors = [];

    public RegistryFileReader(string file)
    {
        _file = file;
    }

    /// <exception cref="RegistryFileException">The file is not a valid registry.</exception>
    public RegistrySnapshot Read(string yaml)
    {
        var root = LoadDocument(yaml);
        var fields = root is null ? null : Fields(root, string.Empty, RootFields);
        if (root is null || fields is null)
        {
            throw Failure();
        }

        CheckHeader(fields, root);
        var names = new EntryNames();
        var sources = ReadList(fields, "sources", names, ReadSource);
        var clusters = ReadList(fields, "clusters", names, ReadCluster);
        var apps = ReadList(fields, "apps", names, ReadApp);
        var notifications = ReadList(fields, "notifications", names, ReadChannel);
        CheckReferences(names);
        if (_errors.Count > 0)
        {
            throw Failure();
        }

        return new RegistrySnapshot(sources, clusters, apps) { Notifications = notifications };
    }

    private YamlNode? LoadDocument(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new RegistryFileException(
                [new RegistryFileError(_file, LineOf(e.Start), string.Empty, "not valid YAML: " + YamlMessage(e))], e);
        }

        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            Error(1, string.Empty, $"the file is empty; expected a registry (apiVersion: {RegistryFile.ApiVersion}, kind: {RegistryFile.Kind})");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Error(LineOf(stream.Documents[1].RootNode.Start), string.Empty, "a registry file holds one YAML document; found another here");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private void CheckHeader(Dictionary<string, Field> fields, YamlNode root)
    {
        var apiVersion = String(fields, "apiVersion", string.Empty, root, required: true);
        if (apiVersion is not null && apiVersion != RegistryFile.ApiVersion)
        {
            Error(fields["apiVersion"].Value, "apiVersion", $"'{apiVersion}' is not supported; expected {RegistryFile.ApiVersion}");
        }

        var kind = String(fields, "kind", string.Empty, root, required: true);
        if (kind is not null && kind != RegistryFile.Kind)
        {
            Error(fields["kind"].Value, "kind", $"'{kind}' is not supported; expected {RegistryFile.Kind}");
        }
    }

    /// <summary>Reads a top-level list; a missing or null list is empty.</summary>
    private List<T> ReadList<T>(
        Dictionary<string, Field> fields, string name, EntryNames names, Func<YamlMappingNode, string, EntryNames, T?> readEntry)
        where T : class
    {
        var result = new List<T>();
        if (!fields.TryGetValue(name, out var field) || IsNull(field.Value))
        {
            return result;
        }

        if (field.Value is not YamlSequenceNode sequence)
        {
            Error(field.Value, name, $"expected a list, found {Describe(field.Value)}");
            return result;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"{name}[{i}]";
            if (sequence.Children[i] is not YamlMappingNode item)
            {
                Error(sequence.Children[i], path, $"expected a mapping, found {Describe(sequence.Children[i])}");
                continue;
            }

            if (readEntry(item, path, names) is { } entry)
            {
                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>The fields of a mapping; reports unknown fields (with a suggestion) and non-string keys.</summary>
    private Dictionary<string, Field>? Fields(YamlNode node, string path, ImmutableArray<string> known)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, path, $"expected a mapping, found {Describe(node)}");
            return null;
        }

        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                Error(keyNode, path, $"field names must be strings, found {Describe(keyNode)}");
                continue;
            }

            if (!known.Contains(key))
            {
                var hint = Suggest(key, known) is { } suggestion ? $"; did you mean '{suggestion}'?" : $"; known fields: {string.Join(", ", known)}";
                Error(keyNode, Join(path, key), $"unknown field '{key}'{hint}");
                continue;
            }

            fields[key] = new Field(scalarKey, value);
        }

        return fields;
    }

    private RegistryFileException Failure() =>
        new(_errors.OrderBy(e => e.Line).ToList());

    private void Error(int line, string path, string message) => _errors.Add(new RegistryFileError(_file, line, path, message));

    private void Error(YamlNode node, string path, string message) => Error(LineOf(node.Start), path, message);

    private static int LineOf(Mark mark) => (int)Math.Max(1, mark.Line);

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };

    /// <summary>A null scalar as YAML 1.2 core schema reads it: empty, <c>~</c> or <c>null</c>, unquoted.</summary>
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>YamlDotNet prefixes its messages with both marks; the line is reported separately.</summary>
    private static string YamlMessage(YamlException e) => MarkPrefix().Replace(e.Message, string.Empty);

    /// <summary>The known field closest to a misspelt one (case-insensitive equal, or at most two edits away).</summary>
    private static string? Suggest(string key, ImmutableArray<string> known) =>
        known.Select(k => (Name: k, Distance: string.Equals(k, key, StringComparison.OrdinalIgnoreCase) ? 0 : EditDistance(k.ToLowerInvariant(), key.ToLowerInvariant())))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();

    private readonly record struct Field(YamlScalarNode Key, YamlNode Value);
}
