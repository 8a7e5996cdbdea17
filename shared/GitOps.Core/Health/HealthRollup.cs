using GitOps.Core.Status;

namespace GitOps.Core.Health;

/// <summary>The health of an app × cluster: its worst object decides.</summary>
/// <param name="Status">The worst object status (Current when there are no objects).</param>
/// <param name="HoldingBack">Objects that are not Current, worst first.</param>
public sealed record HealthRollup(HealthStatus Status, IReadOnlyList<ObjectHealth> HoldingBack)
{
    /// <summary>How many objects the status row and the messages name.</summary>
    public const int MaxNamed = 5;

    public static HealthRollup Of(IEnumerable<ObjectHealth> objects)
    {
        var holding = objects.Where(o => o.Status != HealthStatus.Current)
            .OrderByDescending(o => o.Status)
            .ThenBy(o => o.Object.ToString(), StringComparer.Ordinal)
            .ToList();
        return new HealthRollup(holding.Count == 0 ? HealthStatus.Current : holding[0].Status, holding);
    }

    /// <summary>What the app health is while there is still time: Failed is final, anything else not Current waits.</summary>
    public HealthState State => Status switch
    {
        HealthStatus.Current => HealthState.Healthy,
        HealthStatus.Failed => HealthState.Degraded,
        _ => HealthState.Progressing,
    };

    /// <summary>The worst few objects, one line each.</summary>
    public IReadOnlyList<string> Named => HoldingBack.Take(MaxNamed).Select(o => o.ToString()).ToList();

    /// <summary>One line for the status row: the worst object, and how many more there are.</summary>
    public string Summary(int total)
        => HoldingBack.Count == 0
            ? $"all {total} object(s) healthy"
            : HoldingBack[0] + (HoldingBack.Count > 1 ? $" (and {HoldingBack.Count - 1} more)" : string.Empty);
}
