using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Rendering;

namespace Benchmarks;

/// <summary>How two YAML streams compare: byte-identical, the same objects in the same order, or the first difference.</summary>
public sealed record ComparisonResult(bool TextEqual, bool ObjectsEqual, int Objects, string? FirstDifference)
{
    public string Verdict => TextEqual ? "yes (identical text)" : ObjectsEqual ? "yes (same objects)" : "NO";
}

/// <summary>Compares a kubectl kustomize stream with a gitops render stream.</summary>
public static class OutputComparison
{
    /// <summary>Stands for a missing field in a difference, told apart from an explicit null.</summary>
    private static readonly JsonNode Absent = JsonValue.Create("(absent)");

    public static ComparisonResult Compare(string expected, string actual)
    {
        var left = ManifestYaml.Parse(expected, "kubectl");
        var right = ManifestYaml.Parse(actual, "gitops");
        var textEqual = string.Equals(expected, actual, StringComparison.Ordinal);
        var difference = FirstObjectDifference(left, right);
        if (difference is null && !textEqual)
        {
            difference = FirstTextDifference(expected, actual);
        }

        return new ComparisonResult(textEqual, difference is null || textEqual, left.Count, difference);
    }

    private static string? FirstObjectDifference(IReadOnlyList<JsonObject> expected, IReadOnlyList<JsonObject> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            if (!JsonNode.DeepEquals(expected[i], actual[i]))
            {
                var (path, a, b) = FirstDifference(expected[i], actual[i], "") ?? ("(order of keys)", null, null);
                return $"object {i + 1}: kubectl {ObjectIdentity.IdOf(expected[i])}, gitops {ObjectIdentity.IdOf(actual[i])}: at {path}: "
                    + $"kubectl {Show(a)}, gitops {Show(b)}";
            }
        }

        return expected.Count == actual.Count
            ? null
            : $"kubectl printed {expected.Count} objects, gitops {actual.Count}";
    }

    /// <summary>The first field (in the left object's key order) whose values differ, with both values.</summary>
    private static (string Path, JsonNode? Left, JsonNode? Right)? FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        switch (a, b)
        {
            case (JsonObject oa, JsonObject ob):
                foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
                {
                    var keyPath = $"{path}.{key}";
                    if (!oa.ContainsKey(key) || !ob.ContainsKey(key))
                    {
                        return (keyPath, oa.ContainsKey(key) ? oa[key] : Absent, ob.ContainsKey(key) ? ob[key] : Absent);
                    }

                    if (FirstDifference(oa[key], ob[key], keyPath) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray aa, JsonArray ab):
                for (var i = 0; i < Math.Max(aa.Count, ab.Count); i++)
                {
                    var itemPath = $"{path}[{i}]";
                    if (i >= aa.Count || i >= ab.Count)
                    {
                        return (itemPath, i < aa.Count ? aa[i] : Absent, i < ab.Count ? ab[i] : Absent);
                    }

                    if (FirstDifference(aa[i], ab[i], itemPath) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(a, b) ? null : (path.Length == 0 ? "." : path, a, b);
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = ReferenceEquals(node, Absent) ? "(absent)" : node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
        return text.Length > 200 ? text[..200] + "..." : text;
    }

    private static string FirstTextDifference(string expected, string actual)
    {
        var line = 1;
        for (var i = 0; i < Math.Min(expected.Length, actual.Length); i++)
        {
            if (expected[i] != actual[i])
            {
                return $"text differs at line {line}: kubectl \"{LineAt(expected, i)}\", gitops \"{LineAt(actual, i)}\"";
            }

            if (expected[i] == '\n')
            {
                line++;
            }
        }

        return $"text differs in length: kubectl {expected.Length} chars, gitops {actual.Length}";
    }

    private static string LineAt(string text, int index)
    {
        var start = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        var end = text.IndexOf('\n', index);
        return text[start..(end < 0 ? text.Length : end)];
    }
}
