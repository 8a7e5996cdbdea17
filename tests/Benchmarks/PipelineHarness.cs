using System.Diagnostics;
using GitOps.Azurite;
using GitOps.Cli.Local;
using GitOps.Core.Messaging;
using GitOps.Core.Reconcile;
using GitOps.Core.Registry;
using KubeEmulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmarks;

/// <summary>
/// The real pipeline for the cluster scenarios: Azurite (npm), the Kubernetes API emulator in
/// process, a real git repository driven by the git CLI, and the local runtime (the function app's
/// triggers). Its request counters are what the scenarios report.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public const string App = "bench";
    public const string Namespace = "bench";

    private readonly AzuriteProcess _azurite;

    private PipelineHarness(string root, AzuriteProcess azurite, EmulatorServer emulator, LocalRuntime runtime)
    {
        Root = root;
        _azurite = azurite;
        Emulator = emulator;
        Runtime = runtime;
    }

    public string Root { get; }

    public string Repo => Path.Combine(Root, "repo");

    public EmulatorServer Emulator { get; }

    public LocalRuntime Runtime { get; }

    /// <summary>The runtime's settings (storage connection, cache directory, secret key, ...): what another process of the app needs.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private init; } = new Dictionary<string, string?>();

    /// <param name="settings">Settings on top of the harness's (tokens, schedules).</param>
    /// <param name="configure">Services registered before the core's (the cost scenario's transaction counter).</param>
    public static async Task<PipelineHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var root = Directory.CreateTempSubdirectory("gitops-bench-").FullName;
        var azurite = await AzuriteProcess.StartAsync(Path.Combine(root, "azurite"));
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { MaxRecordedRequests = 100_000 });
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["GitOps:Sources:CacheDirectory"] = Path.Combine(root, "cache"),
            [SecretOptions.Setting] = SecretOptions.Generate(),
            ["GitOps:Health:FirstCheckDelay"] = "00:00:00",
            ["GitOps:Queues:VisibilityTimeout"] = "00:00:00",
            ["GitOps:Reconcile:CrdPollInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var runtime = new LocalRuntime(configuration, logging => { }, configure);
        await runtime.InitializeAsync(CancellationToken.None);
        var harness = new PipelineHarness(root, azurite, emulator, runtime) { Settings = values };
        Directory.CreateDirectory(harness.Repo);
        harness.Git("init", "-q", "--initial-branch=main");
        return harness;
    }

    /// <param name="channels">Notification channels (their URL and secret settings must be among the harness's settings).</param>
    /// <param name="more">Apps registered besides <see cref="App"/> (source <c>config</c>, cluster <c>emulator</c>).</param>
    public async Task RegisterAsync(IReadOnlyList<NotificationChannel>? channels = null, IReadOnlyList<AppDefinition>? more = null)
    {
        var kubeconfig = Emulator.WriteKubeconfig(Path.Combine(Root, "kubeconfig"));
        await Runtime.Services.GetRequiredService<RegistryStore>().ApplyAsync(new RegistrySnapshot(
            [new SourceDefinition("config", Repo)],
            [new ClusterDefinition("emulator", KubeconfigFile: kubeconfig)],
            [new AppDefinition { Name = App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = Namespace, AllowEmpty = false }, .. more ?? []])
        {
            Notifications = channels ?? [],
        });
    }

    public void Write(string relativePath, string content)
    {
        var full = Path.Combine(Repo, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(Repo, relativePath));

    public string Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=Bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>
    /// Runs the reconcile job of <paramref name="revision"/> as the queue trigger would, then drains the
    /// health check it queues. Returns the API requests of each, and the sync's wall time.
    /// </summary>
    public async Task<StepResult> SyncAsync(string revision, string step)
    {
        Emulator.Control.ResetRequests();
        var clock = Stopwatch.StartNew();
        var outcome = await Runtime.Services.GetRequiredService<Reconciler>().ReconcileAsync(
            new ReconcileJob(App, "emulator", revision, ReconcileReasons.NewCommit) { JobId = $"bench-{step}" }, 1, CancellationToken.None);
        clock.Stop();
        var sync = Emulator.Control.Requests.ToList();
        Emulator.Control.ResetRequests();
        await Runtime.DrainAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
        return new StepResult(step, outcome.Message, clock.Elapsed, sync, Emulator.Control.Requests.ToList());
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await Emulator.DisposeAsync();
        await _azurite.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Repo, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
    }
}

/// <summary>One measured step: the sync's requests and wall time, and the requests of the health check after it.</summary>
public sealed record StepResult(string Step, string Summary, TimeSpan Wall, IReadOnlyList<RecordedRequest> Sync, IReadOnlyList<RecordedRequest> Health)
{
    public int Count(Func<RecordedRequest, bool> filter) => Sync.Count(filter);

    public int Lists => Count(r => r.Verb == "list");

    public int Gets => Count(r => r.Verb is "get" or "discovery");

    public int DryRuns => Count(r => r.PatchType == "apply" && r.DryRun);

    public int Applies => Count(r => r.PatchType == "apply" && !r.DryRun);

    public int Deletes => Count(r => r.Verb == "delete");
}
