using Cronos;
using GitOps.Core;
using GitOps.Core.Drift;
using GitOps.Core.Hosting;
using GitOps.Core.Messaging;
using GitOps.Core.Planning;
using GitOps.Core.Reconcile;
using GitOps.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Cli.Local;

/// <summary>
/// The local runtime: the core services under a generic host, with the function app's triggers —
/// timers on the same CRON expressions, queue listeners with host.json's settings and poison
/// semantics. It decides nothing itself: every trigger calls the same core method as its function.
/// </summary>
public sealed partial class LocalRuntime : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IReadOnlyList<QueueProcessor> _processors;
    private readonly ILogger _logger;
    private readonly Action<ILoggingBuilder> _logging;
    private readonly Dictionary<string, SemaphoreSlim> _wake = new(StringComparer.Ordinal);

    /// <param name="configuration">Settings, as the function app reads them.</param>
    /// <param name="logging">Logging set-up; default: the simple console.</param>
    /// <param name="configure">Services registered before the core's (tests put a fake <see cref="TimeProvider"/> here).</param>
    public LocalRuntime(IConfiguration configuration, Action<ILoggingBuilder>? logging = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        _logging = logging ?? (b => b.AddSimpleConsole());
        services.AddSingleton(configuration);
        services.AddLogging(_logging);
        configure?.Invoke(services);
        services.AddGitOpsCore(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Settings = _services.GetRequiredService<QueueSettings>();
        _logger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("GitOps.Local");
        var storage = _services.GetRequiredService<StorageAccount>();
        _processors = Triggers.Queues.Select(t => new QueueProcessor(t, storage, Settings, _services, _logger)).ToList();
        foreach (var processor in _processors)
        {
            _wake[processor.QueueName] = new SemaphoreSlim(0, 1);
        }

        // As the Functions host does for messages its own functions add: the listener looks at once instead of at its next poll.
        _services.GetRequiredService<JobQueue>().Sent += queue =>
        {
            if (_wake.TryGetValue(queue, out var wake) && wake.CurrentCount == 0)
            {
                try
                {
                    wake.Release();
                }
                catch (SemaphoreFullException)
                {
                }
            }
        };
        Schedules = Triggers.Timers.ToDictionary(t => t.Function, t => configuration[t.ScheduleSetting] ?? t.Schedule, StringComparer.Ordinal);
    }

    public IServiceProvider Services => _services;

    public QueueSettings Settings { get; }

    /// <summary>Each timer's schedule: its setting (<c>GitOps:Schedules:{Function}</c>, as the function app reads it), else the default.</summary>
    public IReadOnlyDictionary<string, string> Schedules { get; }

    /// <summary>Serves the HTTP triggers (the GitLab webhook) on 127.0.0.1:<paramref name="port"/> (0: a free port) until disposed.</summary>
    public Task<LocalHttpServer> StartHttpAsync(int port, CancellationToken cancellationToken)
        => LocalHttpServer.StartAsync(_services, port, _logging, cancellationToken);

    /// <summary>Creates the queues, tables and containers (idempotent).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken)
        => _services.GetRequiredService<StorageAccount>().EnsureCreatedAsync(cancellationToken);

    /// <summary>The CommitPoller timer's body (what <see cref="Triggers.CommitPoller"/> runs): one <c>source-changes</c> message per source.</summary>
    public Task<PollResult> PollAsync(CancellationToken cancellationToken)
        => _services.GetRequiredService<CommitPoller>().PollAsync(cancellationToken);

    /// <summary>What the SourceWorker does with one <c>source-changes</c> message for <paramref name="source"/>, with its result.</summary>
    public Task<SourceCheck> CheckSourceAsync(string source, CancellationToken cancellationToken)
        => _services.GetRequiredService<SourceWorker>().CheckAsync(new SourceChange(source, SourceChange.PollTrigger), cancellationToken);

    /// <summary>The DriftScheduler timer's body.</summary>
    public Task ScheduleDriftScansAsync(CancellationToken cancellationToken)
        => Triggers.DriftScheduler.RunAsync(_services, cancellationToken);

    /// <summary>
    /// Processes every queue until all are empty, including messages waiting for a retry (so a job
    /// that keeps failing runs to the poison queue), or until <paramref name="timeout"/>.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var received = 0;
            foreach (var processor in _processors)
            {
                received += await processor.ProcessBatchAsync(deadline.Token).ConfigureAwait(false);
            }

            if (received > 0)
            {
                continue;
            }

            var pending = 0;
            foreach (var processor in _processors)
            {
                pending += await processor.ApproximateCountAsync(deadline.Token).ConfigureAwait(false);
            }

            if (pending == 0)
            {
                return;
            }

            // Messages are invisible until their retry is due: wait a little and look again.
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the timers and queue listeners until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var loops = Triggers.Timers.Select(t => TimerLoopAsync(t.Function, Schedules[t.Function], ct => t.RunAsync(_services, ct), cancellationToken)).ToList();
        loops.AddRange(_processors.Select(p => ListenAsync(p, cancellationToken)));
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync().ConfigureAwait(false);

    private async Task TimerLoopAsync(string name, string schedule, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        var cron = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        var time = _services.GetRequiredService<TimeProvider>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = cron.GetNextOccurrence(now, TimeZoneInfo.Utc) ?? throw new InvalidOperationException($"{name}: schedule '{schedule}' has no next occurrence.");
            await Task.Delay(next - now, time, cancellationToken).ConfigureAwait(false);
            try
            {
                await body(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogError("Timer {Timer} failed: {Error}", name, e.Message);
            }
        }
    }

    private async Task ListenAsync(QueueProcessor processor, CancellationToken cancellationToken)
    {
        // Like the Functions host: poll fast while there is work, back off exponentially to maxPollingInterval when idle.
        var delay = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await processor.ProcessBatchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogError("Listener on {Queue} failed: {Error}", processor.QueueName, e.Message);
                received = 0;
            }

            if (received > 0)
            {
                delay = TimeSpan.FromMilliseconds(100);
                continue;
            }

            if (await _wake[processor.QueueName].WaitAsync(delay, cancellationToken).ConfigureAwait(false))
            {
                delay = TimeSpan.FromMilliseconds(100);
                continue;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Settings.MaxPollingInterval.Ticks));
        }
    }
}
