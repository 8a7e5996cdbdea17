using System.Text.Json.Nodes;

namespace KubeEmulator.Apply;

/// <summary>A set of owned field paths, convertible to and from the <c>fieldsV1</c> JSON tree.</summary>
internal sealed class FieldSet
{
    private readonly Dictionary<string, FieldPath> _paths = new(StringComparer.Ordinal);

    public FieldSet()
    {
    }

    public FieldSet(IEnumerable<FieldPath> paths)
    {
        foreach (var path in paths)
        {
            Add(path);
        }
    }

    public int Count => _paths.Count;

    public IEnumerable<FieldPath> Paths => _paths.Values;

    public bool Contains(FieldPath path) => _paths.ContainsKey(path.Key);

    public void Add(FieldPath path) => _paths.TryAdd(path.Key, path);

    public bool Remove(FieldPath path) => _paths.Remove(path.Key);

    public FieldSet Union(FieldSet other) => new(Paths.Concat(other.Paths));

    public FieldSet Except(FieldSet other) => new(Paths.Where(p => !other.Contains(p)));

    public FieldSet Intersect(FieldSet other) => new(Paths.Where(other.Contains));

    /// <summary>Every proper prefix of a member: the paths that have owned descendants.</summary>
    public HashSet<string> PrefixKeys()
    {
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Paths)
        {
            foreach (var prefix in path.ProperPrefixes())
            {
                prefixes.Add(prefix.Key);
            }
        }

        return prefixes;
    }

    /// <summary>The <c>fieldsV1</c> tree: a member with owned descendants carries a <c>"."</c> entry.</summary>
    public JsonObject ToFieldsV1()
    {
        var root = new JsonObject();
        foreach (var path in Paths.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var node = root;
            foreach (var element in path.Elements)
            {
                if (node[element] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[element] = child;
                }

                node = child;
            }
        }

        foreach (var path in Paths)
        {
            var node = root;
            foreach (var element in path.Elements)
            {
                node = (JsonObject)node[element]!;
            }

            if (node.Count > 0 && node["."] is null)
            {
                node["."] = new JsonObject();
            }
        }

        return Sorted(root);
    }

    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new FieldSet();
        if (fields is not null)
        {
            Read(fields, FieldPath.Root, set);
        }

        return set;
    }

    private static void Read(JsonObject node, FieldPath path, FieldSet set)
    {
        foreach (var (element, child) in node)
        {
            if (element == ".")
            {
                set.Add(path);
                continue;
            }

            var childPath = path.Append(element);
            if (child is JsonObject childObject && childObject.Count > 0)
            {
                Read(childObject, childPath, set);
            }
            else
            {
                set.Add(childPath);
            }
        }
    }

    private static JsonObject Sorted(JsonObject node)
    {
        var sorted = new JsonObject();
        foreach (var (key, child) in node.OrderBy(p => p.Key == "." ? "" : p.Key, StringComparer.Ordinal).ToList())
        {
            node.Remove(key);
            sorted[key] = child is JsonObject childObject ? Sorted(childObject) : child;
        }

        return sorted;
    }
}
