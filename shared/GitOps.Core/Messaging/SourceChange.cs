namespace GitOps.Core.Messaging;

/// <summary>
/// Look at <see cref="Source"/> again: its branch may have moved. Queue <c>source-changes</c>; sent by
/// the GitLab webhook on a push and by the CommitPoller timer for every source. It carries no commit:
/// the SourceWorker reads the head from git, so a forged or stale message can only cause a look.
/// </summary>
/// <param name="Source">The source's name in the registry.</param>
/// <param name="Trigger">What sent it: <see cref="WebhookTrigger"/> or <see cref="PollTrigger"/>.</param>
public sealed record SourceChange(string Source, string Trigger)
{
    public const int CurrentSchemaVersion = 1;

    public const string WebhookTrigger = "webhook";

    public const string PollTrigger = "poll";

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The webhook delivery that sent it (<c>Idempotency-Key</c> or <c>X-Gitlab-Event-UUID</c>), for the logs.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>Who pushed (the webhook's <c>user_username</c>), for the history; never trusted for anything else.</summary>
    public string? Pusher { get; init; }

    /// <summary>When it was sent, to measure push-to-apply latency in the logs.</summary>
    public DateTimeOffset? SentAt { get; init; }
}
