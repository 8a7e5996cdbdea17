using GitOps.Core.Messaging;
using GitOps.Core.Notifications;
using GitOps.Core.Registry;
using GitOps.Core.Sources;
using GitOps.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Core.Alerts;

/// <summary>
/// The one way alerts open, repeat and resolve, and the one place that tells channels: opening an
/// alert, finding it again after the renotify interval, and resolving it each queue one
/// <c>notifications</c> message per channel whose filters accept it. Finding an open alert again
/// within the interval only counts it.
/// </summary>
public sealed class AlertCenter
{
    private readonly AlertStore _store;
    private readonly RegistryStore _registry;
    private readonly JobQueue _queue;
    private readonly StorageAccount _storage;
    private readonly NotificationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertCenter> _logger;

    public AlertCenter(AlertStore store, RegistryStore registry, JobQueue queue, StorageAccount storage, IOptions<NotificationOptions> options, TimeProvider time, ILogger<AlertCenter> logger)
    {
        _store = store;
        _registry = registry;
        _queue = queue;
        _storage = storage;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raises <paramref name="candidate"/> (made with <see cref="Alert.Of"/>): opens it, or counts it again. Info kinds are recorded as events.</summary>
    public async Task<Alert> RaiseAsync(Alert candidate, CancellationToken cancellationToken)
    {
        if (candidate.Severity == AlertSeverity.Info)
        {
            var recorded = await _store.RecordEventAsync(candidate, cancellationToken).ConfigureAwait(false);
            await NotifyAsync(recorded, NotificationEvent.Opened, cancellationToken).ConfigureAwait(false);
            return recorded;
        }

        var (alert, opened) = await _store.RaiseAsync(candidate, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var due = opened ? NotificationEvent.Opened
            : alert.NotifiedAt is { } told && now - told < _options.RenotifyAfter ? (NotificationEvent?)null
            : NotificationEvent.Reminder;
        if (due is { } evt && await NotifyAsync(alert, evt, cancellationToken).ConfigureAwait(false) >= 0)
        {
            await _store.MarkNotifiedAsync(alert, now, cancellationToken).ConfigureAwait(false);
            alert = alert with { NotifiedAt = now };
        }

        return alert;
    }

    /// <summary>Resolves the open alerts of <paramref name="app"/> on <paramref name="cluster"/> that <paramref name="which"/> selects, telling their channels.</summary>
    public async Task<int> ResolveAsync(string app, string cluster, Func<Alert, bool> which, string resolution, CancellationToken cancellationToken)
    {
        var resolved = await _store.ResolveAsync(app, cluster, which, resolution, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var alert in resolved)
        {
            _logger.LogInformation("Alert {AlertId} resolved: {Resolution}", alert.Id, resolution);
            await NotifyAsync(alert, NotificationEvent.Resolved, cancellationToken).ConfigureAwait(false);
        }

        return resolved.Count;
    }

    /// <summary>Resolves the open alerts of the given kinds for <paramref name="app"/> on <paramref name="cluster"/>.</summary>
    public Task<int> ResolveAsync(string app, string cluster, IReadOnlyCollection<AlertKind> kinds, string resolution, CancellationToken cancellationToken)
        => ResolveAsync(app, cluster, a => kinds.Contains(a.Kind), resolution, cancellationToken);

    /// <summary>Queues one message per channel that accepts the alert; returns how many (-1 when none is registered).</summary>
    private async Task<int> NotifyAsync(Alert alert, NotificationEvent evt, CancellationToken cancellationToken)
    {
        var all = await _registry.LoadChannelsAsync(cancellationToken).ConfigureAwait(false);
        var channels = all
            .Where(c => c.Accepts(alert.App, alert.Cluster, alert.Kind, alert.Severity))

            // A channel that failed is not told of its own failure (it would fail again).
            .Where(c => alert.Kind != AlertKind.NotificationFailed || alert.App != ChannelSubject(c.Name))
            .ToList();
        if (all.Count == 0)
        {
            return -1;
        }

        var source = channels.Count == 0 || alert.Revision is null ? null : (await _registry.LoadForAsync(alert.App, alert.Cluster, cancellationToken).ConfigureAwait(false)).Sources.FirstOrDefault();
        foreach (var channel in channels)
        {
            var job = new NotificationJob(channel.Name, evt)
            {
                MessageId = $"msg_{alert.Id}_{evt.ToString().ToLowerInvariant()}_{(evt == NotificationEvent.Reminder ? alert.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "1")}",
                App = alert.App,
                Cluster = alert.Cluster,
                Kind = alert.Kind,
                Severity = alert.Severity,
                AlertId = alert.Id,
                Fingerprint = alert.Fingerprint,
                Summary = alert.Summary,
                Revision = alert.Revision,
                CommitUrl = source is null || alert.Revision is null ? null : CommitUrlOf(source, alert.Revision),
                ReportBlob = alert.ReportBlob,
                ReportUrl = alert.ReportBlob is null ? null : _storage.Container(StorageNames.DriftReportsContainer).GetBlobClient(alert.ReportBlob).Uri.ToString(),
                Count = alert.Count,
                FirstSeen = alert.RaisedAt,
                LastSeen = alert.LastSeen,
                Resolution = alert.Resolution,
            };
            await _queue.SendAsync(StorageNames.NotificationsQueue, job, null, cancellationToken).ConfigureAwait(false);
        }

        if (channels.Count > 0)
        {
            _logger.LogInformation("Alert {AlertId} ({Event}) queued for {Channels}", alert.Id, evt, string.Join(", ", channels.Select(c => c.Name)));
        }

        return channels.Count;
    }

    /// <summary>The subject (alert partition) of a channel's NotificationFailed alert (app names are DNS labels, so this never names an app).</summary>
    public static string ChannelSubject(string channel) => $"channel:{channel}";

    /// <summary>The commit's page, where the source has a web URL: GitLab's <c>{project}/-/commit/{sha}</c>.</summary>
    public static string? CommitUrlOf(SourceDefinition source, string revision)
    {
        if (source.GitLab is { ApiUrl: { } api } gitlab && Uri.TryCreate(api, UriKind.Absolute, out var apiUri))
        {
            var root = apiUri.GetLeftPart(UriPartial.Authority) + apiUri.AbsolutePath.Replace("/api/v4", string.Empty, StringComparison.Ordinal).TrimEnd('/');
            var project = gitlab.Project is { } p && !p.All(char.IsAsciiDigit) ? p : GitLabCommitStatus.ProjectPathOf(source.Url);
            return $"{root}/{project}/-/commit/{revision}";
        }

        return Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? $"{uri.GetLeftPart(UriPartial.Authority)}/{GitLabCommitStatus.ProjectPathOf(source.Url)}/-/commit/{revision}"
            : null;
    }
}
