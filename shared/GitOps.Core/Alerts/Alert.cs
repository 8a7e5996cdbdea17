using System.Security.Cryptography;
using System.Text;

namespace GitOps.Core.Alerts;

/// <summary>
/// A problem (or an info event) about an app on a cluster, in table <c>alerts</c> (PartitionKey the
/// app, or <c>source:{name}</c> for a source). One open alert per <see cref="Fingerprint"/>: finding
/// the condition again bumps <see cref="LastSeen"/> and <see cref="Count"/>; when it clears the alert
/// is resolved. <see cref="RaisedAt"/> is when it was first seen.
/// </summary>
public sealed record Alert(string App, string Cluster, AlertKind Kind, string Summary, DateTimeOffset RaisedAt)
{
    /// <summary>Unique per occurrence: kind, fingerprint and when it opened.</summary>
    public string Id { get; init; } = string.Empty;

    public AlertSeverity Severity { get; init; } = SeverityOf(Kind);

    /// <summary>
    /// App, cluster, kind and the identity of the objects or fields involved (see <see cref="FingerprintOf"/>),
    /// never the message text or a duration, so a repeated finding is the same alert.
    /// </summary>
    public string Fingerprint { get; init; } = string.Empty;

    public string? Revision { get; init; }

    /// <summary>Blob name of the detailed report (drift reports), in container <c>drift-reports</c>.</summary>
    public string? ReportBlob { get; init; }

    /// <summary>When the condition was last found.</summary>
    public DateTimeOffset LastSeen { get; init; } = RaisedAt;

    /// <summary>How often it was found while open.</summary>
    public int Count { get; init; } = 1;

    /// <summary>When channels were last told about it (opening, or a reminder after <c>renotifyAfter</c>).</summary>
    public DateTimeOffset? NotifiedAt { get; init; }

    /// <summary>When the condition cleared; null while the alert is open.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>How it cleared, when <see cref="ResolvedAt"/> is set.</summary>
    public string? Resolution { get; init; }

    public bool IsOpen => ResolvedAt is null;

    /// <summary>The severity a kind has.</summary>
    public static AlertSeverity SeverityOf(AlertKind kind) => kind switch
    {
        AlertKind.Synced or AlertKind.Pruned => AlertSeverity.Info,
        AlertKind.Drift or AlertKind.Orphaned => AlertSeverity.Warning,
        _ => AlertSeverity.Error,
    };

    /// <summary>The fingerprint of a condition: a hash of app, cluster, kind and the sorted identities involved.</summary>
    public static string FingerprintOf(string app, string cluster, AlertKind kind, IEnumerable<string> identities)
    {
        var text = string.Join('\n', new[] { app, cluster, kind.ToString() }.Concat(identities.Distinct().Order(StringComparer.Ordinal)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>An alert for a condition, its fingerprint made of <paramref name="identities"/>.</summary>
    public static Alert Of(string app, string cluster, AlertKind kind, string summary, DateTimeOffset at, params IEnumerable<string> identities)
        => new(app, cluster, kind, summary, at) { Fingerprint = FingerprintOf(app, cluster, kind, identities) };
}
