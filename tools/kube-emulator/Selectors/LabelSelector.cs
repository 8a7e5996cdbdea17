using KubeEmulator.Http;

namespace KubeEmulator.Selectors;

/// <summary>The <c>labelSelector</c> query parameter, parsed with the real grammar's operators.</summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<LabelRequirement> _requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    /// <summary>True when the selector has no requirements (matches every object).</summary>
    public bool IsEverything => _requirements.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var clause in SplitClauses(text))
        {
            requirements.Add(ParseClause(clause.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    private static LabelRequirement ParseClause(string clause, string whole)
    {
        if (clause.StartsWith('!'))
        {
            return new LabelRequirement(RequireKey(clause[1..].Trim(), whole), "!", []);
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var index = clause.IndexOf(op, StringComparison.Ordinal);
            if (index > 0)
            {
                return new LabelRequirement(RequireKey(clause[..index].Trim(), whole), op, [clause[(index + op.Length)..].Trim()]);
            }
        }

        var open = clause.IndexOf('(');
        if (open > 0 && clause.EndsWith(')'))
        {
            var head = clause[..open].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (head.Length == 2 && head[1] is "in" or "notin")
            {
                var values = clause[(open + 1)..^1].Split(',').Select(v => v.Trim()).ToList();
                return new LabelRequirement(RequireKey(head[0], whole), head[1], values);
            }
        }

        if (clause.Contains(' ') || clause.Contains('(') || clause.Length == 0)
        {
            throw KubeErrors.BadRequest($"unable to parse requirement: found '{clause}', expected: !, identifier, or 'end of string'");
        }

        return new LabelRequirement(clause, "exists", []);
    }

    private static string RequireKey(string key, string whole) =>
        key.Length == 0 ? throw KubeErrors.BadRequest($"unable to parse requirement: invalid label selector \"{whole}\"") : key;

    private static IEnumerable<string> SplitClauses(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
