using System.Security.Cryptography;
using GitOps.Cli.Local;
using GitOps.Core.Reconcile;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.IntegrationTests.Infrastructure;

/// <summary>
/// One test's pipeline: its own storage names, git repository, app and namespace, on the shared
/// Azurite and emulator, run through the local runtime (the same triggers as the function app).
/// </summary>
public sealed class TestPipeline : IAsyncDisposable
{
    private readonly PipelineFixture _fixture;

    private readonly Action<IServiceCollection>? _configure;

    private TestPipeline(PipelineFixture fixture, string id, IReadOnlyDictionary<string, string?> overrides, Action<IServiceCollection>? configure)
    {
        _fixture = fixture;
        _configure = configure;
        Id = id;
        Folder = Path.Combine(fixture.Root, id);
        Repo = new GitRepo(Path.Combine(Folder, "repo"));
        var settings = new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionSetting] = fixture.ConnectionString,
            ["GitOps:Storage:NamePrefix"] = id,
            ["GitOps:Sources:CacheDirectory"] = Path.Combine(Folder, "cache"),
            ["GitOps:Queues:VisibilityTimeout"] = "00:00:00",
            ["GitOps:Queues:MaxDequeueCount"] = "3",
            [SecretOptions.Setting] = SecretOptions.Generate(),

            // Health checks right after the sync and re-checks in fractions of a second, so that a drain waits little.
            ["GitOps:Health:FirstCheckDelay"] = "00:00:00",
            ["GitOps:Health:RecheckInterval"] = "00:00:00.200",
            ["GitOps:Health:MaxRecheckInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Runtime = CreateRuntime();
    }

    /// <summary>Unique per test: storage prefix, app name and namespace.</summary>
    public string Id { get; }

    public string App => Id;

    public string Namespace => Id;

    public string Folder { get; }

    public GitRepo Repo { get; }

    public IConfiguration Configuration { get; }

    public LocalRuntime Runtime { get; }

    public StorageAccount Storage => Runtime.Services.GetRequiredService<StorageAccount>();

    public T Get<T>()
        where T : notnull => Runtime.Services.GetRequiredService<T>();

    /// <param name="fixture">The shared Azurite and emulator.</param>
    /// <param name="overrides">Settings on top of the test defaults.</param>
    /// <param name="configure">Services registered before the core's (a fake <see cref="TimeProvider"/>).</param>
    public static async Task<TestPipeline> CreateAsync(PipelineFixture fixture, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null)
    {
        var id = "t" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8);
        var pipeline = new TestPipeline(fixture, id, overrides ?? new Dictionary<string, string?>(), configure);
        await pipeline.Runtime.InitializeAsync(CancellationToken.None);
        return pipeline;
    }

    /// <summary>A second runtime on the same storage and settings: another Functions instance.</summary>
    public LocalRuntime CreateRuntime() => new(Configuration, logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace), _configure);

    /// <summary>Every log line the runtimes of this pipeline wrote.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Registers the repository, the emulator and one app at <paramref name="path"/>; <paramref name="app"/> adjusts the app entry.</summary>
    public async Task RegisterAsync(string path = "app", string? kubeconfigFile = null, DriftPolicy drift = DriftPolicy.Alert, Func<AppDefinition, AppDefinition>? app = null)
    {
        var definition = new AppDefinition { Name = App, Source = "config", Path = path, Clusters = ["emulator"], Namespace = Namespace, DriftPolicy = drift };
        await RegisterAppsAsync(kubeconfigFile, app is null ? definition : app(definition));
    }

    /// <summary>Registers the repository, the emulator and the given apps (source <c>config</c>, cluster <c>emulator</c>).</summary>
    public Task RegisterAppsAsync(string? kubeconfigFile, params AppDefinition[] apps)
        => RegisterAppsAsync(new SourceDefinition("config", Repo.Path), kubeconfigFile, apps);

    /// <summary>Registers <paramref name="source"/> (name it <c>config</c> for the apps), the emulator and the given apps.</summary>
    public Task RegisterAppsAsync(SourceDefinition source, string? kubeconfigFile, params AppDefinition[] apps)
        => RegisterAppsAsync([source], kubeconfigFile, apps);

    /// <summary>Registers <paramref name="sources"/>, the emulator and the given apps.</summary>
    public async Task RegisterAppsAsync(IReadOnlyList<SourceDefinition> sources, string? kubeconfigFile, params AppDefinition[] apps)
    {
        var registry = new RegistrySnapshot(
            sources,
            [new ClusterDefinition("emulator", KubeconfigFile: kubeconfigFile ?? _fixture.Kubeconfig)],
            apps);
        await Get<RegistryStore>().ApplyAsync(registry);
    }

    /// <summary>The newest history rows of the app on the emulator, newest first.</summary>
    public Task<IReadOnlyList<SyncRecord>> HistoryAsync(string? app = null)
        => Get<SyncHistoryStore>().ListAsync(app ?? App, "emulator", 50, CancellationToken.None);

    /// <summary>The app's status row on the emulator.</summary>
    public async Task<AppStatus> StatusAsync(string? app = null)
        => await Get<AppStatusStore>().GetAsync(app ?? App, "emulator", CancellationToken.None)
            ?? throw new InvalidOperationException($"app/{app ?? App} has no status row on cluster/emulator");

    /// <summary>A KubernetesClient on the emulator, as a user with kubectl would have.</summary>
    public Kubernetes Kube() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(_fixture.Kubeconfig));

    public async Task SyncAsync()
    {
        await Runtime.PollAsync(CancellationToken.None);
        await Runtime.DrainAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
    }

    public async Task ScanAsync()
    {
        await Runtime.ScheduleDriftScansAsync(CancellationToken.None);
        await Runtime.DrainAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Runtime.DisposeAsync();
}
