using GitOps.Core.Alerts;

namespace GitOps.Core.Registry;

/// <summary>The chat or webhook service a channel posts to.</summary>
public enum ChannelType
{
    Slack,
    Teams,
    GoogleChat,
    Webhook,
}

/// <summary>
/// A <c>notifications:</c> entry of the registry: where alerts go, and which. The URL (an
/// incoming-webhook URL is itself a secret) and the signing secret live in settings the entry names.
/// </summary>
/// <param name="Name">Unique among channels (DNS label).</param>
/// <param name="Type">slack, teams, googlechat or webhook.</param>
/// <param name="UrlSetting">Name of the setting holding the incoming-webhook URL.</param>
public sealed record NotificationChannel(string Name, ChannelType Type, string UrlSetting)
{
    /// <summary>For <see cref="ChannelType.Webhook"/>: name of the setting holding the Standard Webhooks signing secret (<c>whsec_</c> + base64).</summary>
    public string? SecretSetting { get; init; }

    /// <summary>Apps whose alerts it receives; empty: all.</summary>
    public IReadOnlyList<string> Apps { get; init; } = [];

    /// <summary>Clusters whose alerts it receives; empty: all.</summary>
    public IReadOnlyList<string> Clusters { get; init; } = [];

    /// <summary>The least severe alert it receives. Default warning.</summary>
    public AlertSeverity MinSeverity { get; init; } = AlertSeverity.Warning;

    /// <summary>Alert kinds it receives; empty: all.</summary>
    public IReadOnlyList<AlertKind> Kinds { get; init; } = [];

    /// <summary>Whether an alert of <paramref name="app"/> on <paramref name="cluster"/> passes the filters.</summary>
    public bool Accepts(string app, string cluster, AlertKind kind, AlertSeverity severity)
        => severity >= MinSeverity
            && (Apps.Count == 0 || Apps.Contains(app))
            && (Clusters.Count == 0 || Clusters.Contains(cluster))
            && (Kinds.Count == 0 || Kinds.Contains(kind));

    // Records compare lists by reference: compare by content so an unchanged entry is "unchanged".
    public bool Equals(NotificationChannel? other)
        => other is not null && Name == other.Name && Type == other.Type && UrlSetting == other.UrlSetting && SecretSetting == other.SecretSetting
            && MinSeverity == other.MinSeverity && Apps.SequenceEqual(other.Apps) && Clusters.SequenceEqual(other.Clusters) && Kinds.SequenceEqual(other.Kinds);

    public override int GetHashCode() => HashCode.Combine(Name, Type, UrlSetting, SecretSetting, MinSeverity);
}
