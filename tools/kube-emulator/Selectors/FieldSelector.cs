using System.Text.Json.Nodes;
using KubeEmulator.Http;
using KubeEmulator.Serialization;

namespace KubeEmulator.Selectors;

/// <summary>The <c>fieldSelector</c> query parameter: <c>=</c>, <c>==</c>, <c>!=</c> over dotted paths such as metadata.name or status.phase.</summary>
internal sealed class FieldSelector
{
    private readonly IReadOnlyList<(string[] Path, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string[], bool, string)> terms) => _terms = terms;

    public static FieldSelector Parse(string? text)
    {
        var terms = new List<(string[], bool, string)>();
        if (!string.IsNullOrWhiteSpace(text))
        {
            foreach (var clause in text.Split(','))
            {
                var (op, index) = clause.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? ("!=", ne)
                    : clause.IndexOf("==", StringComparison.Ordinal) is var ee and > 0 ? ("==", ee)
                    : ("=", clause.IndexOf('='));
                if (index <= 0)
                {
                    throw KubeErrors.BadRequest($"invalid selector: '{text}'; can't understand '{clause}'");
                }

                terms.Add((clause[..index].Trim().Split('.'), op != "!=", clause[(index + op.Length)..].Trim()));
            }
        }

        return new FieldSelector(terms);
    }

    /// <summary>True when the selector has no terms (matches every object).</summary>
    public bool IsEverything => _terms.Count == 0;

    public bool Matches(JsonObject obj) =>
        _terms.All(t => (JsonTree.GetString(obj, t.Path) ?? "") == t.Value == t.Equal);
}
