using System.CommandLine;
using GitOps.Cli.Demo;
using GitOps.Cli.Local;
using GitOps.Core.Alerts;
using GitOps.Core.Drift;
using GitOps.Core.Reconcile;
using GitOps.Core.Registry;
using GitOps.Core.Storage;
using GitOps.Azurite;
using KubeEmulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Cli.Commands;

/// <summary>
/// <c>gitops run</c>: the local runtime. Without <c>--registry</c> it runs the demo: Azurite, the
/// Kubernetes emulator and a sample repository, a sync, a live edit and the drift alert it causes.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Poll once, drain the queues, scan for drift once, print a summary and exit." };
        var registry = new Option<FileInfo?>("--registry") { Description = "A registry file to load (see README); without it, the built-in demo runs." };
        var workdir = new Option<DirectoryInfo>("--workdir")
        {
            Description = "Folder for the local state (Azurite data, git cache, demo repository).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(".gitops", "run")),
        };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "With --once: the longest time to wait for the queues to drain.",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(5),
        };
        var httpPort = new Option<int>("--http-port")
        {
            Description = "Port on 127.0.0.1 for the HTTP triggers (POST /api/webhooks/gitlab), as the Functions host's 7071. 0 picks a free one.",
            DefaultValueFactory = _ => 7071,
        };
        var command = new Command("run", "Run the pipeline locally: timers and queue listeners on Azurite, as the function app does.");
        command.Options.Add(once);
        command.Options.Add(registry);
        command.Options.Add(workdir);
        command.Options.Add(timeout);
        command.Options.Add(httpPort);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await RunAsync(parse.GetValue(once), parse.GetValue(registry), parse.GetValue(workdir)!, parse.GetValue(timeout), parse.GetValue(httpPort), Console.Out, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 0;
            }
            catch (Exception e) when (e is RegistryFileException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    public static async Task<int> RunAsync(bool once, FileInfo? registryFile, DirectoryInfo workdir, TimeSpan timeout, int httpPort, TextWriter output, CancellationToken cancellationToken)
    {
        var demo = registryFile is null;
        var root = Path.GetFullPath(workdir.FullName);
        if (demo && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
        var environment = StorageFactory.Configuration();
        var connection = demo ? null : environment[StorageOptions.ConnectionSetting];
        await using var azurite = connection is null ? await StartAzuriteAsync(root, output, cancellationToken).ConfigureAwait(false) : null;
        connection ??= azurite!.ConnectionString;

        await using var emulator = demo ? await EmulatorServer.StartAsync(ct: cancellationToken).ConfigureAwait(false) : null;
        string? kubeconfig = null;
        if (demo)
        {
            kubeconfig = emulator!.WriteKubeconfig(Path.Combine(root, "kubeconfig"));
            output.WriteLine($"==> Kubernetes API emulator at {emulator.BaseAddress} (kubeconfig: {kubeconfig})");
            var repo = Path.Combine(root, "config-repo");
            var commit = DemoRepository.Create(repo, TimeProvider.System);
            output.WriteLine($"==> Sample config repository at {repo} (main at {commit[..12]})");
            registryFile = new FileInfo(DemoRegistry.Write(Path.Combine(root, "registry.yaml"), repo, kubeconfig));
        }

        var settings = new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionSetting] = connection,
            ["GitOps:Sources:CacheDirectory"] = Path.Combine(root, "sources"),
        };
        if (string.IsNullOrEmpty(environment[SecretOptions.Setting]))
        {
            settings[SecretOptions.Setting] = LocalSecretHashKey(root, output);
        }

        var webhookTokenFile = Path.Combine(root, "webhook-token");
        await using var chat = demo ? await LocalChatSink.StartAsync(DemoChatSecret, output, cancellationToken).ConfigureAwait(false) : null;
        if (demo)
        {
            settings[DemoRegistry.ChatUrlSetting] = chat!.Url;
            settings[DemoRegistry.ChatSecretSetting] = DemoChatSecret;
            output.WriteLine($"==> Local chat sink at {chat.Url}, registered as the webhook channel 'chat': alerts and their resolutions arrive there, signed");
            await File.WriteAllTextAsync(webhookTokenFile, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(webhookTokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            settings[DemoRegistry.WebhookTokenSetting] = (await File.ReadAllTextAsync(webhookTokenFile, cancellationToken).ConfigureAwait(false)).Trim();
            settings["GitOps:Schedules:CommitPoller"] = "*/10 * * * * *";
            settings["GitOps:Schedules:DriftScheduler"] = "5 * * * * *";

            // The emulator's rollouts are immediate: health is known at once, and --once need not wait 10 s for it.
            settings["GitOps:Health:FirstCheckDelay"] = "00:00:01";
            settings["GitOps:Health:RecheckInterval"] = "00:00:01";
        }

        var configuration = new ConfigurationBuilder().AddConfiguration(environment).AddInMemoryCollection(settings).Build();
        await using var runtime = new LocalRuntime(configuration, ConfigureLogging);
        await runtime.InitializeAsync(cancellationToken).ConfigureAwait(false);

        var desired = await RegistryFile.LoadAsync(registryFile!.FullName, cancellationToken).ConfigureAwait(false);
        var applied = await runtime.Services.GetRequiredService<RegistryStore>().ApplyAsync(desired, cancellationToken: cancellationToken).ConfigureAwait(false);
        output.WriteLine($"==> Registry {registryFile.FullName}: {applied.Summary()}");

        output.WriteLine("==> Polling sources");
        await runtime.PollAsync(cancellationToken).ConfigureAwait(false);
        await runtime.DrainAsync(timeout, cancellationToken).ConfigureAwait(false);

        if (demo)
        {
            output.WriteLine("==> Live edit behind the pipeline's back: Deployment/hello/web scaled from 2 to 5 replicas (as 'kubectl scale' would)");
            await LiveEdit.ScaleAsync(kubeconfig!, "hello", "web", 5, cancellationToken).ConfigureAwait(false);
        }

        output.WriteLine("==> Scanning for drift");
        await runtime.ScheduleDriftScansAsync(cancellationToken).ConfigureAwait(false);
        await runtime.DrainAsync(timeout, cancellationToken).ConfigureAwait(false);
        await PrintDriftReportsAsync(runtime.Services, output, cancellationToken).ConfigureAwait(false);
        if (demo)
        {
            var (replicas, owner) = await LiveEdit.ReadReplicasAsync(kubeconfig!, "hello", "web", cancellationToken).ConfigureAwait(false);
            output.WriteLine($"==> Self-heal (driftPolicy: correct): Deployment/hello/web is back at {replicas} replicas, spec.replicas owned by '{owner}' again");
            output.WriteLine("==> Scanning again: the drift is gone, so its alert resolves");
            await runtime.ScheduleDriftScansAsync(cancellationToken).ConfigureAwait(false);
            await runtime.DrainAsync(timeout, cancellationToken).ConfigureAwait(false);
        }

        await StatusPrinter.PrintAsync(runtime.Services, output, cancellationToken).ConfigureAwait(false);
        if (once)
        {
            return 0;
        }

        await using var http = await runtime.StartHttpAsync(httpPort, cancellationToken).ConfigureAwait(false);
        output.WriteLine();
        var webhook = $"{http.BaseAddress}api/{GitOps.Core.Webhooks.GitLabWebhookHandler.Route}";
        output.WriteLine($"==> GitLab webhook: POST {webhook} (X-Gitlab-Token: the value of the source's webhookTokenSetting)");
        if (demo)
        {
            output.WriteLine("    Commit to the sample repository, then tell the pipeline as GitLab would (applied in well under a second):");
            output.WriteLine($"    curl -sS -H 'Content-Type: application/json' -H 'X-Gitlab-Event: Push Hook' -H \"X-Gitlab-Token: $(cat {webhookTokenFile})\" \\");
            output.WriteLine($"      -d '{{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\",\"after\":\"'$(git -C {Path.Combine(root, "config-repo")} rev-parse HEAD)'\",\"project\":{{\"path_with_namespace\":\"demo/config\"}}}}' {webhook}");
        }

        output.WriteLine(demo
            ? $"==> Running: commits to {Path.Combine(root, "config-repo")} are applied within seconds; drift is scanned every minute. Ctrl-C to stop."
            : $"==> Running: {string.Join(", ", runtime.Schedules.Select(s => $"{s.Key} '{s.Value}'"))}. Ctrl-C to stop.");
        await runtime.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The demo chat channel's signing secret: a fresh one per run (Standard Webhooks form).</summary>
    private static readonly string DemoChatSecret = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private static async Task<AzuriteProcess> StartAzuriteAsync(string root, TextWriter output, CancellationToken cancellationToken)
    {
        var azurite = await AzuriteProcess.StartAsync(Path.Combine(root, "azurite"), cancellationToken: cancellationToken).ConfigureAwait(false);
        output.WriteLine($"==> Azurite started (pid {azurite.ProcessId}, data in {Path.Combine(root, "azurite")})");
        return azurite;
    }

    /// <summary>The key Secret values are hashed with, generated on first run and kept beside the local state (never printed).</summary>
    private static string LocalSecretHashKey(string root, TextWriter output)
    {
        var file = Path.Combine(root, "secret-hash-key");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, SecretOptions.Generate());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            output.WriteLine($"==> Generated the key Secret values are hashed with: {file} (set {SecretOptions.Setting} to use your own)");
        }

        return File.ReadAllText(file).Trim();
    }

    private static async Task PrintDriftReportsAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var alerts = await services.GetRequiredService<AlertStore>().ListAsync(null, cancellationToken).ConfigureAwait(false);
        var reports = services.GetRequiredService<DriftReportStore>();
        foreach (var alert in alerts.Where(a => a.Kind == AlertKind.Drift && a.ReportBlob is not null))
        {
            output.WriteLine($"==> Drift alert for {alert.App} on {alert.Cluster}: {alert.Summary}");
            output.WriteLine($"    report blob: {StorageNames.DriftReportsContainer}/{alert.ReportBlob}");
            var report = await reports.ReadAsync(alert.ReportBlob!, cancellationToken).ConfigureAwait(false);
            foreach (var item in report["items"]!.AsArray())
            {
                output.WriteLine($"    {item!["object"]} {item["path"]}: desired {item["desired"]?.ToJsonString() ?? "(absent)"}, live {item["live"]?.ToJsonString() ?? "(absent)"}");
            }
        }
    }

    internal static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
            o.IncludeScopes = false;
        });
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("GitOps", LogLevel.Information);
    }
}
