namespace GitOps.Core.Drift;

/// <summary>A drift scan's findings, stored as JSON in container <c>drift-reports</c>.</summary>
public sealed record DriftReport(string Id, string App, string Cluster, string Revision, DateTimeOffset ScannedAt, IReadOnlyList<DriftItem> Items)
{
    /// <summary>Live objects carrying the app's label that it neither applied nor has in its inventory (<c>Kind/namespace/name</c>).</summary>
    public IReadOnlyList<string> Orphans { get; init; } = [];

    /// <summary><c>{app}/{cluster}/{yyyy}/{MM}/{dd}/{id}.json</c>.</summary>
    public string BlobName => $"{App}/{Cluster}/{ScannedAt:yyyy}/{ScannedAt:MM}/{ScannedAt:dd}/{Id}.json";

    /// <summary>One line: how many objects and fields, and the first few paths.</summary>
    public string Summary()
    {
        var objects = Items.Select(i => i.Object).Distinct().Count();
        var first = string.Join("; ", Items.Take(3).Select(i => i.Path.Length == 0 ? $"{i.Object} is missing"
            : i.TakenOver ? $"{i.Object} {i.Path} (taken over by \"{i.Manager}\")" : $"{i.Object} {i.Path}"));
        var more = Items.Count > 3 ? $"; and {Items.Count - 3} more" : string.Empty;
        var orphans = Orphans.Count == 0 ? string.Empty : $"{(Items.Count == 0 ? string.Empty : "; ")}{Orphans.Count} orphan(s): {string.Join(", ", Orphans.Take(3))}{(Orphans.Count > 3 ? ", ..." : string.Empty)}";
        return Items.Count == 0 ? orphans : $"{Items.Count} drifted field(s) in {objects} object(s): {first}{more}{orphans}";
    }
}
