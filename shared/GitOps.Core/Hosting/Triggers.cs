using GitOps.Core.Drift;
using GitOps.Core.Messaging;
using GitOps.Core.Planning;
using GitOps.Core.Reconcile;
using GitOps.Core.Storage;
using GitOps.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Core.Hosting;

/// <summary>A queue-triggered function: its name, its queue (a <see cref="StorageNames"/> constant) and the core call it makes.</summary>
/// <param name="Function">The function's name in the function app.</param>
/// <param name="Queue">The queue name constant (the storage name prefix is applied by the listener).</param>
/// <param name="HandleAsync">Called with the message text and its dequeue count; throwing means "retry".</param>
public sealed record QueueTrigger(string Function, string Queue, Func<IServiceProvider, string, long, CancellationToken, Task> HandleAsync);

/// <summary>A timer-triggered function: its name, the setting holding its NCRONTAB schedule (with seconds), the default, and the core call it makes.</summary>
/// <param name="Function">The function's name in the function app.</param>
/// <param name="ScheduleSetting">The configuration key of the schedule (the function app binds <c>%key%</c>).</param>
/// <param name="Schedule">The default schedule, when the setting is absent (the deployed app always sets it).</param>
/// <param name="RunAsync">The core call.</param>
public sealed record TimerTrigger(string Function, string ScheduleSetting, string Schedule, Func<IServiceProvider, CancellationToken, Task> RunAsync);

/// <summary>An HTTP-triggered function: its name, method, route under <c>/api/</c>, and the core call.</summary>
/// <param name="Function">The function's name in the function app.</param>
/// <param name="Method">GET or POST.</param>
/// <param name="Route">The route template under <c>/api/</c> (<c>apps/{app}/history</c>).</param>
/// <param name="Anonymous">True when the handler authenticates itself (the GitLab token); else a function key is required in Azure.</param>
/// <param name="HandleAsync">The core call.</param>
public sealed record HttpTrigger(string Function, string Method, string Route, bool Anonymous, Func<IServiceProvider, WebhookRequest, CancellationToken, Task<WebhookResponse>> HandleAsync);

/// <summary>
/// The one table of triggers. The function app's classes bind these (attributes need constants, so
/// they name the same constants) and call <c>HandleAsync</c>/<c>RunAsync</c>; the local runtime
/// listens and ticks from this same table. So the path the tests exercise is the deployed one.
/// </summary>
public static class Triggers
{
    public static readonly TimerTrigger CommitPoller = new(nameof(CommitPoller), GitOpsOptions.CommitPollScheduleSetting, GitOpsOptions.CommitPollSchedule,
        (services, ct) => services.GetRequiredService<Planning.CommitPoller>().PollAsync(ct));

    public static readonly TimerTrigger DriftScheduler = new(nameof(DriftScheduler), GitOpsOptions.DriftScanScheduleSetting, GitOpsOptions.DriftScanSchedule,
        (services, ct) => services.GetRequiredService<Drift.DriftScheduler>().ScheduleAsync(ct));

    public static readonly QueueTrigger SourceWorker = new(nameof(SourceWorker), StorageNames.SourceChangesQueue,
        (services, body, _, ct) => services.GetRequiredService<Planning.SourceWorker>().CheckAsync(MessageSerializer.Deserialize<SourceChange>(body), ct));

    public static readonly QueueTrigger Notifier = new(nameof(Notifier), StorageNames.NotificationsQueue,
        (services, body, dequeueCount, ct) => services.GetRequiredService<Notifications.Notifier>().DeliverAsync(MessageSerializer.Deserialize<Notifications.NotificationJob>(body), dequeueCount, ct));

    public static readonly QueueTrigger ReconcileWorker = new(nameof(ReconcileWorker), StorageNames.ReconcileJobsQueue,
        (services, body, dequeueCount, ct) => services.GetRequiredService<Reconciler>().ReconcileAsync(MessageSerializer.Deserialize<ReconcileJob>(body), dequeueCount, ct));

    public static readonly QueueTrigger HealthChecker = new(nameof(HealthChecker), StorageNames.HealthChecksQueue,
        (services, body, _, ct) => services.GetRequiredService<Health.HealthChecker>().CheckAsync(MessageSerializer.Deserialize<HealthCheckJob>(body), ct));

    public static readonly QueueTrigger DriftScanner = new(nameof(DriftScanner), StorageNames.DriftScanJobsQueue,
        (services, body, _, ct) => services.GetRequiredService<Drift.DriftScanner>().ScanAsync(MessageSerializer.Deserialize<DriftScanJob>(body), ct));

    public static readonly HttpTrigger GitLabWebhook = new(nameof(GitLabWebhook), "POST", GitLabWebhookHandler.Route, Anonymous: true,
        (services, request, ct) => services.GetRequiredService<GitLabWebhookHandler>().HandleAsync(request, ct));

    public static readonly HttpTrigger ListApps = new(nameof(ListApps), "GET", "apps", Anonymous: false,
        (services, request, ct) => services.GetRequiredService<Operations.ManagementApi>().ListAppsAsync(request, ct));

    public static readonly HttpTrigger GetApp = new(nameof(GetApp), "GET", "apps/{app}", Anonymous: false,
        (services, request, ct) => services.GetRequiredService<Operations.ManagementApi>().GetAppAsync(request, ct));

    public static readonly HttpTrigger AppHistory = new(nameof(AppHistory), "GET", "apps/{app}/history", Anonymous: false,
        (services, request, ct) => services.GetRequiredService<Operations.ManagementApi>().HistoryAsync(request, ct));

    public static readonly HttpTrigger ListAlerts = new(nameof(ListAlerts), "GET", "alerts", Anonymous: false,
        (services, request, ct) => services.GetRequiredService<Operations.ManagementApi>().AlertsAsync(request, ct));

    public static readonly HttpTrigger AppAction = new(nameof(AppAction), "POST", "apps/{app}/{action}", Anonymous: false,
        (services, request, ct) => services.GetRequiredService<Operations.ManagementApi>().ActionAsync(request, ct));

    public static IReadOnlyList<HttpTrigger> Http { get; } = [GitLabWebhook, ListApps, GetApp, AppHistory, ListAlerts, AppAction];

    public static IReadOnlyList<TimerTrigger> Timers { get; } = [CommitPoller, DriftScheduler];

    public static IReadOnlyList<QueueTrigger> Queues { get; } = [SourceWorker, ReconcileWorker, HealthChecker, DriftScanner, Notifier];
}
