namespace GitOps.Core.Drift;

/// <summary>A drift scan's findings, stored as JSON in container <c>drift-reports</c>.</summary>
public sealed record DriftReport(string Id, string App, string Cluster, string Revision, DateTimeOffset ScannedAt, IReadOnlyList<DriftItem> Items)
{
    /// <summary><c>{app}/{cluster}/{yyyy}/{MM}/{dd}/{id}.json</c>.</summary>
    public string BlobName => $"{App}/{Cluster}/{ScannedAt:yyyy}/{ScannedAt:MM}/{ScannedAt:dd}/{Id}.json";

    /// <summary>One line: how many objects and fields, and the first few paths.</summary>
    public string Summary()
    {
        var objects = Items.Select(i => i.Object).Distinct().Count();
        var first = string.Join("; ", Items.Take(3).Select(i => i.Path.Length == 0 ? $"{i.Object} is missing" : $"{i.Object} {i.Path}"));
        var more = Items.Count > 3 ? $"; and {Items.Count - 3} more" : string.Empty;
        return $"{Items.Count} drifted field(s) in {objects} object(s): {first}{more}";
    }
}
