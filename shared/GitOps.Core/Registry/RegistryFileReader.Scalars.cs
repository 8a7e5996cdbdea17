using YamlDotNet.RepresentationModel;

namespace GitOps.Core.Registry;

/// <summary>Typed field readers: each reports a wrong type or a missing required field and returns null.</summary>
internal sealed partial class RegistryFileReader
{
    /// <summary>A string field; null (and an error if <paramref name="required"/>) when absent or null.</summary>
    private string? String(Dictionary<string, Field> fields, string name, string path, YamlNode owner, bool required)
    {
        if (!fields.TryGetValue(name, out var field) || IsNull(field.Value))
        {
            if (required)
            {
                Error(field.Key ?? owner, Join(path, name), "is required");
            }

            return null;
        }

        if (field.Value is not YamlScalarNode scalar)
        {
            Error(field.Value, Join(path, name), $"expected a string, found {Describe(field.Value)}");
            return null;
        }

        return scalar.Value ?? string.Empty;
    }

    /// <summary>A string field checked by <paramref name="rule"/> (a <see cref="RegistryRules"/> check).</summary>
    private string? Checked(Dictionary<string, Field> fields, string name, string path, YamlNode owner, bool required, Func<string, string?> rule)
    {
        var value = String(fields, name, path, owner, required);
        if (value is not null && rule(value) is { } problem)
        {
            Error(fields[name].Value, Join(path, name), problem);
            return null;
        }

        return value;
    }

    private bool? Bool(Dictionary<string, Field> fields, string name, string path)
    {
        if (!fields.TryGetValue(name, out var field) || IsNull(field.Value))
        {
            return null;
        }

        if (field.Value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: { } text })
        {
            if (text is "true" or "True" or "TRUE")
            {
                return true;
            }

            if (text is "false" or "False" or "FALSE")
            {
                return false;
            }
        }

        Error(field.Value, Join(path, name), $"expected true or false, found {Describe(field.Value)}");
        return null;
    }

    /// <summary>An enum field written in lowercase (<c>auto</c>); matching ignores case.</summary>
    private TEnum? Enum<TEnum>(Dictionary<string, Field> fields, string name, string path, YamlNode owner)
        where TEnum : struct, Enum
    {
        var text = String(fields, name, path, owner, required: false);
        if (text is null)
        {
            return null;
        }

        foreach (var value in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var options = string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        Error(fields[name].Value, Join(path, name), $"'{text}' is not one of {options}");
        return null;
    }

    /// <summary>A non-empty list of strings, with the line of each item.</summary>
    private List<(string Value, YamlNode Node)>? StringList(Dictionary<string, Field> fields, string name, string path, YamlNode owner)
    {
        if (!fields.TryGetValue(name, out var field) || IsNull(field.Value))
        {
            Error(field.Key ?? owner, Join(path, name), "is required");
            return null;
        }

        if (field.Value is not YamlSequenceNode sequence)
        {
            Error(field.Value, Join(path, name), $"expected a list, found {Describe(field.Value)}");
            return null;
        }

        if (sequence.Children.Count == 0)
        {
            Error(field.Value, Join(path, name), "must name at least one entry");
            return null;
        }

        var items = new List<(string, YamlNode)>();
        var ok = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var itemPath = $"{Join(path, name)}[{i}]";
            if (item is not YamlScalarNode { Value: { } value } || IsNull(item))
            {
                Error(item, itemPath, $"expected a string, found {Describe(item)}");
                ok = false;
            }
            else if (items.FindIndex(seen => seen.Item1 == value) is var first and >= 0)
            {
                Error(item, itemPath, $"'{value}' is listed twice (also at line {LineOf(items[first].Item2.Start)})");
                ok = false;
            }
            else
            {
                items.Add((value, item));
            }
        }

        return ok ? items : null;
    }

    /// <summary>A mapping of string to string; absent or null is empty. Number and boolean values are kept as written.</summary>
    private Dictionary<string, string>? StringMap(Dictionary<string, Field> fields, string name, string path, Func<string, string?> keyRule)
    {
        if (!fields.TryGetValue(name, out var field) || IsNull(field.Value))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        if (field.Value is not YamlMappingNode mapping)
        {
            Error(field.Value, Join(path, name), $"expected a mapping, found {Describe(field.Value)}");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } || IsNull(keyNode))
            {
                Error(keyNode, Join(path, name), $"keys must be strings, found {Describe(keyNode)}");
                ok = false;
                continue;
            }

            var entryPath = Join(Join(path, name), key);
            if (keyRule(key) is { } problem)
            {
                Error(keyNode, entryPath, problem);
                ok = false;
            }
            else if (valueNode is not YamlScalarNode { Value: { } value } || IsNull(valueNode))
            {
                Error(keyNode, entryPath, $"expected a string value (quote an empty one: ''), found {Describe(valueNode)}");
                ok = false;
            }
            else
            {
                result[key] = value;
            }
        }

        return ok ? result : null;
    }
}
