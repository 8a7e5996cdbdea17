using System.Globalization;

namespace GitOps.Rendering.Patches;

/// <summary>One requirement of a Kubernetes label selector (<c>tier=web</c>, <c>env notin (dev)</c>, <c>!canary</c>).</summary>
internal sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Exists => has,
            LabelOperator.DoesNotExist => !has,
            LabelOperator.Equals or LabelOperator.In => has && Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.NotEquals or LabelOperator.NotIn => !has || !Values.Contains(value!, StringComparer.Ordinal),
            LabelOperator.GreaterThan => has && Compare(value!) > 0,
            LabelOperator.LessThan => has && Compare(value!) < 0,
            _ => false,
        };
    }

    private int Compare(string value)
        => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
            ? actual.CompareTo(long.Parse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))
            : 0;
}
