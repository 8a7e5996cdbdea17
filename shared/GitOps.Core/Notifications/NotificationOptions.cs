using GitOps.Core.Http;

namespace GitOps.Core.Notifications;

/// <summary>Section <c>GitOps:Notifications</c>: how often and how fast channels are told.</summary>
public sealed record NotificationOptions
{
    /// <summary>While an alert stays open, a channel hears of it again at most this often. Default 4 hours.</summary>
    public TimeSpan RenotifyAfter { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Messages one channel gets per <see cref="BurstWindow"/>; the rest become one digest. Default 5.</summary>
    public int BurstLimit { get; init; } = 5;

    /// <summary>The burst window. Default 1 minute.</summary>
    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How one post is retried (429 honouring Retry-After, 5xx, connection failures). Default: 4 retries, 1 s doubling, at most 30 s.</summary>
    public HttpRetryOptions Retry { get; init; } = new() { MaxRetries = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), AttemptTimeout = TimeSpan.FromSeconds(15), MaxRetriesPerSync = 4 };
}
