using GitOps.Core.Drift;
using GitOps.Core.Messaging;
using GitOps.Core.Planning;
using GitOps.Core.Reconcile;
using GitOps.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Core.Hosting;

/// <summary>A queue-triggered function: its name, its queue (a <see cref="StorageNames"/> constant) and the core call it makes.</summary>
/// <param name="Function">The function's name in the function app.</param>
/// <param name="Queue">The queue name constant (the storage name prefix is applied by the listener).</param>
/// <param name="HandleAsync">Called with the message text and its dequeue count; throwing means "retry".</param>
public sealed record QueueTrigger(string Function, string Queue, Func<IServiceProvider, string, long, CancellationToken, Task> HandleAsync);

/// <summary>A timer-triggered function: its name, its NCRONTAB schedule (with seconds) and the core call it makes.</summary>
public sealed record TimerTrigger(string Function, string Schedule, Func<IServiceProvider, CancellationToken, Task> RunAsync);

/// <summary>
/// The one table of triggers. The function app's classes bind these (attributes need constants, so
/// they name the same constants) and call <c>HandleAsync</c>/<c>RunAsync</c>; the local runtime
/// listens and ticks from this same table. So the path the tests exercise is the deployed one.
/// </summary>
public static class Triggers
{
    public static readonly TimerTrigger CommitPoller = new(nameof(CommitPoller), GitOpsOptions.CommitPollSchedule,
        (services, ct) => services.GetRequiredService<Planning.CommitPoller>().PollAsync(ct));

    public static readonly TimerTrigger DriftScheduler = new(nameof(DriftScheduler), GitOpsOptions.DriftScanSchedule,
        (services, ct) => services.GetRequiredService<Drift.DriftScheduler>().ScheduleAsync(ct));

    public static readonly QueueTrigger ReconcileWorker = new(nameof(ReconcileWorker), StorageNames.ReconcileJobsQueue,
        (services, body, dequeueCount, ct) => services.GetRequiredService<Reconciler>().ReconcileAsync(MessageSerializer.Deserialize<ReconcileJob>(body), dequeueCount, ct));

    public static readonly QueueTrigger HealthChecker = new(nameof(HealthChecker), StorageNames.HealthChecksQueue,
        (services, body, _, ct) => services.GetRequiredService<Health.HealthChecker>().CheckAsync(MessageSerializer.Deserialize<HealthCheckJob>(body), ct));

    public static readonly QueueTrigger DriftScanner = new(nameof(DriftScanner), StorageNames.DriftScanJobsQueue,
        (services, body, _, ct) => services.GetRequiredService<Drift.DriftScanner>().ScanAsync(MessageSerializer.Deserialize<DriftScanJob>(body), ct));

    public static IReadOnlyList<TimerTrigger> Timers { get; } = [CommitPoller, DriftScheduler];

    public static IReadOnlyList<QueueTrigger> Queues { get; } = [ReconcileWorker, HealthChecker, DriftScanner];
}
