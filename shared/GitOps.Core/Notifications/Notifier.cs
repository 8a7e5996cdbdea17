using System.Net.Http.Headers;
using System.Text;
using GitOps.Core.Alerts;
using GitOps.Core.Http;
using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using GitOps.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Core.Notifications;

/// <summary>
/// Handles <c>notifications</c>: formats one alert event for one channel and posts it. A 429 or 5xx
/// is retried as its <c>Retry-After</c> says, with backoff and jitter, a few times (the shared HTTP
/// retry policy); then the message fails and the queue redelivers it, and after the last delivery it
/// goes to <c>notifications-poison</c> with one NotificationFailed alert, which is never sent to the
/// failing channel. Each message concerns one channel, so a failing channel never delays the others.
/// The burst cap holds what passes the channel's limit for one digest.
/// </summary>
public sealed class Notifier
{
    private readonly RegistryStore _registry;
    private readonly BurstGate _gate;
    private readonly AlertCenter _alerts;
    private readonly JobQueue _queue;
    private readonly IConfiguration _configuration;
    private readonly NotificationOptions _options;
    private readonly QueueSettings _queueSettings;
    private readonly TimeProvider _time;
    private readonly ILogger<Notifier> _logger;

    public Notifier(
        RegistryStore registry, BurstGate gate, AlertCenter alerts, JobQueue queue, IConfiguration configuration, IOptions<NotificationOptions> options,
        QueueSettings queueSettings, TimeProvider time, ILogger<Notifier> logger)
    {
        _registry = registry;
        _gate = gate;
        _alerts = alerts;
        _queue = queue;
        _configuration = configuration;
        _options = options.Value;
        _queueSettings = queueSettings;
        _time = time;
        _logger = logger;
    }

    /// <summary>What became of one message.</summary>
    public enum Outcome
    {
        Delivered,
        Held,
        Skipped,
    }

    /// <exception cref="NotificationDeliveryException">The channel refused it after the retries; the queue redelivers it.</exception>
    public async Task<Outcome> DeliverAsync(NotificationJob job, long dequeueCount, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["Channel"] = job.Channel, ["AlertId"] = job.AlertId });
        var channel = (await _registry.LoadChannelsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => c.Name == job.Channel);
        if (channel is null)
        {
            _logger.LogInformation("Notification for {Channel} dropped: the channel is no longer registered", job.Channel);
            return Outcome.Skipped;
        }

        var now = _time.GetUtcNow();
        if (job.Event == NotificationEvent.Digest)
        {
            var (held, alerts) = await _gate.TakeHeldAsync(channel.Name, cancellationToken).ConfigureAwait(false);
            if (held == 0)
            {
                return Outcome.Skipped;
            }

            job = Digest(job, held, alerts);
        }
        else
        {
            var decision = await _gate.TakeAsync(channel.Name, job, _options, now, cancellationToken).ConfigureAwait(false);
            if (!decision.Send)
            {
                if (decision.DigestAt is { } at)
                {
                    await _queue.SendAsync(StorageNames.NotificationsQueue, new NotificationJob(channel.Name, NotificationEvent.Digest) { MessageId = $"msg_digest_{channel.Name}_{at.ToUnixTimeSeconds()}", LastSeen = at }, at > now ? at - now : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                }

                _logger.LogInformation("Notification of {AlertId} to {Channel} held by the burst cap ({Limit} per {Window}); it goes in the digest", job.AlertId, channel.Name, _options.BurstLimit, _options.BurstWindow);
                return Outcome.Held;
            }
        }

        if (_configuration[channel.UrlSetting] is not { Length: > 0 } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            await FailedAsync(channel, job, $"the setting '{channel.UrlSetting}' that should hold the channel's URL is empty, missing or not a URL", cancellationToken).ConfigureAwait(false);
            return Outcome.Skipped;
        }

        var error = await PostAsync(channel, uri, job, cancellationToken).ConfigureAwait(false);
        if (error is null)
        {
            _logger.LogInformation("Notified {Channel}: {Event} {Kind} for {App} on {Cluster}", channel.Name, job.Event, job.Kind, job.App, job.Cluster);
            await _alerts.ResolveAsync(AlertCenter.ChannelSubject(channel.Name), string.Empty, [AlertKind.NotificationFailed], $"channel {channel.Name} took a message again", cancellationToken).ConfigureAwait(false);
            return Outcome.Delivered;
        }

        var last = dequeueCount >= _queueSettings.MaxDequeueCount;
        _logger.LogWarning("Notification to {Channel} failed on delivery {Delivery} of {Max}: {Error}", channel.Name, dequeueCount, _queueSettings.MaxDequeueCount, error);
        if (last)
        {
            await FailedAsync(channel, job, $"{error}; the message is in {StorageNames.NotificationsQueue}{StorageNames.PoisonSuffix}", cancellationToken).ConfigureAwait(false);
        }

        throw new NotificationDeliveryException($"channel {channel.Name}: {error}");
    }

    /// <summary>Posts; returns null when the channel took it, else why not (never the URL: it is a secret).</summary>
    private async Task<string?> PostAsync(NotificationChannel channel, Uri url, NotificationJob job, CancellationToken cancellationToken)
    {
        var body = ChannelPayloads.Build(channel.Type, job).ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
        if (channel.Type == ChannelType.Webhook)
        {
            if (channel.SecretSetting is null || _configuration[channel.SecretSetting] is not { Length: > 0 } secret)
            {
                return $"the setting '{channel.SecretSetting}' that should hold the signing secret is empty or missing";
            }

            try
            {
                foreach (var (name, value) in StandardWebhookSigner.Sign(secret, job.MessageId, _time.GetUtcNow(), body))
                {
                    request.Headers.Add(name, value);
                }
            }
            catch (FormatException e)
            {
                return $"setting '{channel.SecretSetting}': {e.Message}";
            }
        }

        using var retry = new RetryHandler($"Channel {channel.Name}", _options.Retry, _time, _logger) { InnerHandler = new SocketsHttpHandler() };
        using var client = new HttpClient(retry) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"the channel answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            return $"the channel could not be reached: {e.Message.Replace(url.ToString(), "(url)", StringComparison.Ordinal)}";
        }
    }

    private async Task FailedAsync(NotificationChannel channel, NotificationJob job, string error, CancellationToken cancellationToken)
    {
        _logger.LogError("Channel {Channel} did not take the {Event} of {AlertId}: {Error}", channel.Name, job.Event, job.AlertId, error);
        await _alerts.RaiseAsync(
            Alert.Of(AlertCenter.ChannelSubject(channel.Name), string.Empty, AlertKind.NotificationFailed, $"Channel {channel.Name} ({channel.Type.ToString().ToLowerInvariant()}) did not take the {job.Event.ToString().ToLowerInvariant()} {job.Kind} alert for {job.App} on {job.Cluster}: {error}", _time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
    }

    private static NotificationJob Digest(NotificationJob job, int held, IReadOnlyList<(string App, string Cluster, AlertSeverity Severity)> alerts)
    {
        var groups = alerts.GroupBy(a => (a.App, a.Cluster)).OrderByDescending(g => g.Count()).ToList();
        var where = groups.Count == 1 ? $"for {groups[0].Key.App} on {groups[0].Key.Cluster}"
            : $"({string.Join(", ", groups.Take(5).Select(g => $"{g.Key.App} on {g.Key.Cluster} x{g.Count()}"))}{(groups.Count > 5 ? ", ..." : string.Empty)})";
        return job with
        {
            App = groups.Count == 1 ? groups[0].Key.App : "(several)",
            Cluster = groups.Count == 1 ? groups[0].Key.Cluster : "(several)",
            Severity = alerts.Count == 0 ? AlertSeverity.Warning : alerts.Max(a => a.Severity),
            AlertId = job.MessageId,
            Count = held,
            Summary = $"{held} more alert{(held == 1 ? string.Empty : "s")} {where} in the last burst window",
        };
    }
}

/// <summary>A channel did not take a message after the retries; the queue redelivers it (and in the end poisons it).</summary>
public sealed class NotificationDeliveryException : Exception
{
    public NotificationDeliveryException(string message)
        : base(message)
    {
    }
}
