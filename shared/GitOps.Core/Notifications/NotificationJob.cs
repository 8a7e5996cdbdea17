using GitOps.Core.Alerts;

namespace GitOps.Core.Notifications;

/// <summary>What a notification says about its alert.</summary>
public enum NotificationEvent
{
    /// <summary>The alert opened.</summary>
    Opened,

    /// <summary>Still open after the channel's renotify interval: a reminder with the count.</summary>
    Reminder,

    /// <summary>The condition cleared.</summary>
    Resolved,

    /// <summary>The alerts a channel's burst cap held back in the last window, in one message.</summary>
    Digest,
}

/// <summary>
/// Post one alert event to one channel. Queue <c>notifications</c>. Carries what the message says
/// (taken when the alert changed), so the Notifier only formats and posts.
/// </summary>
/// <param name="Channel">The registry's channel name.</param>
/// <param name="Event">Opened, reminder, resolved, or a digest.</param>
public sealed record NotificationJob(string Channel, NotificationEvent Event)
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Identifies the message across redeliveries (the Standard Webhooks <c>webhook-id</c>).</summary>
    public string MessageId { get; init; } = string.Empty;

    public string App { get; init; } = string.Empty;

    public string Cluster { get; init; } = string.Empty;

    public AlertKind Kind { get; init; }

    public AlertSeverity Severity { get; init; }

    public string AlertId { get; init; } = string.Empty;

    public string Fingerprint { get; init; } = string.Empty;

    /// <summary>What happened, in one line.</summary>
    public string Summary { get; init; } = string.Empty;

    public string? Revision { get; init; }

    /// <summary>A link to the commit, where the source has a web URL.</summary>
    public string? CommitUrl { get; init; }

    public string? ReportBlob { get; init; }

    /// <summary>The report's URL in Blob storage.</summary>
    public string? ReportUrl { get; init; }

    public int Count { get; init; } = 1;

    public DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset LastSeen { get; init; }

    /// <summary>How it cleared (resolved events).</summary>
    public string? Resolution { get; init; }
}
