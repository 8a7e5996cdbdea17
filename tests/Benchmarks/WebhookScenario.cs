using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Core.Registry;
using GitOps.Core.Storage;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmarks;

/// <summary>
/// <c>webhook</c>: a monorepo of 1,000 apps behind the GitLab webhook of the local runtime (Kestrel,
/// Azurite, the emulator). Prints the acknowledge latency of 200 deliveries, the planning time of a
/// push touching one app (ls-remote, fetch, tree diff, 1,000 apps' recorded inputs, one job), and
/// push-to-applied latency (webhook, SourceWorker, render, apply) with the listeners running.
/// Goals of the webhook issue: ack p99 &lt; 1 s, push → applied p50 &lt; 2 s.
/// </summary>
public static class WebhookScenario
{
    private const string Token = "bench-webhook-token";
    private const string Project = "platform/monorepo";

    public static async Task<int> RunAsync(int apps)
    {
        Console.WriteLine($"webhook: a monorepo of {apps:N0} apps (a Namespace and a ConfigMap each), the local runtime's webhook endpoint, real git, Azurite and the in-process API emulator");
        Console.WriteLine($"  {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {CompareCommand.LoadAverage()}");
        await using var harness = await PipelineHarness.StartAsync(new Dictionary<string, string?>
        {
            ["GITLAB_WEBHOOK_TOKEN"] = Token,

            // Only the webhook triggers a look during the measurement.
            ["GitOps:Schedules:CommitPoller"] = "0 0 0 1 1 *",
            ["GitOps:Schedules:DriftScheduler"] = "0 0 0 1 1 *",
        });
        for (var a = 0; a < apps; a++)
        {
            harness.Write($"apps/{Name(a)}/namespace.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {Name(a)}\n");
            harness.Write($"apps/{Name(a)}/config.yaml", Config(a, "v0"));
        }

        harness.Write("README.md", "# monorepo\n");
        var head = harness.Commit("monorepo");
        var kubeconfig = harness.Emulator.WriteKubeconfig(Path.Combine(harness.Root, "kubeconfig"));
        await harness.Runtime.Services.GetRequiredService<RegistryStore>().ApplyAsync(new RegistrySnapshot(
            [new SourceDefinition("config", harness.Repo) { WebhookTokenSetting = "GITLAB_WEBHOOK_TOKEN", GitLab = new GitLabProject(Project, null, null) }],
            [new ClusterDefinition("emulator", KubeconfigFile: kubeconfig)],
            Enumerable.Range(0, apps).Select(a => new AppDefinition { Name = Name(a), Source = "config", Path = $"apps/{Name(a)}", Clusters = ["emulator"], Namespace = Name(a) }).ToList()));

        var clock = Stopwatch.StartNew();
        await harness.Runtime.PollAsync(CancellationToken.None);
        await harness.Runtime.DrainAsync(TimeSpan.FromMinutes(30), CancellationToken.None);
        Console.WriteLine($"  first sync of {apps:N0} apps: {clock.Elapsed.TotalSeconds:F1} s (records each app's render inputs)");

        await using var http = await harness.Runtime.StartHttpAsync(0, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = http.BaseAddress };

        // 1. Acknowledge latency: 200 deliveries, listeners stopped (the queue only grows).
        var acks = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await PostAsync(client, head, head);
            acks.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if ((int)response.StatusCode != 202)
            {
                throw new InvalidOperationException($"delivery {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        await harness.Runtime.Services.GetRequiredService<StorageAccount>().Queue(StorageNames.SourceChangesQueue).ClearMessagesAsync();

        // 2. Planning time of a push touching one app of the 1,000 (the SourceWorker's whole handling).
        var planning = new List<double>();
        var jobs = new List<int>();
        for (var i = 0; i < 9; i++)
        {
            harness.Write($"apps/{Name(i * 37 % apps)}/config.yaml", Config(i * 37 % apps, $"plan-{i}"));
            harness.Commit($"plan {i}");
            var start = Stopwatch.GetTimestamp();
            var check = await harness.Runtime.CheckSourceAsync("config", CancellationToken.None);
            planning.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            jobs.Add(check.JobsEnqueued);
            await harness.Runtime.DrainAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        }

        // 3. Push -> applied, with the runtime's listeners running as in `gitops run`.
        using var stop = new CancellationTokenSource();
        var running = harness.Runtime.RunAsync(stop.Token);
        var applied = new List<double>();
        using var kube = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        for (var i = 0; i < 15; i++)
        {
            var app = (i * 101 + 5) % apps;
            var version = $"push-{i}";
            harness.Write($"apps/{Name(app)}/config.yaml", Config(app, version));
            var before = head;
            head = harness.Commit(version);
            // Watch the app's namespace (the real watch protocol) before the push: the wait ends on the change itself.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await using var events = kube.CoreV1.WatchListNamespacedConfigMapAsync(Name(app), timeoutSeconds: 60, cancellationToken: deadline.Token).GetAsyncEnumerator(deadline.Token);
            var start = Stopwatch.GetTimestamp();
            using (var response = await PostAsync(client, before, head))
            {
                response.EnsureSuccessStatusCode();
            }

            var reached = false;
            try
            {
                while (!reached && await events.MoveNextAsync())
                {
                    reached = events.Current.Item2.Data is { } data && data.TryGetValue("version", out var seen) && seen == version;
                }
            }
            catch (OperationCanceledException)
            {
            }

            if (!reached)
            {
                throw new InvalidOperationException($"push {i}: ConfigMap/{Name(app)}/config did not reach {version} within 30 s");
            }

            applied.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        await stop.CancelAsync();
        await running;

        Console.WriteLine();
        Console.WriteLine("  measure                                   n      p50 ms    p99 ms    max ms");
        Print("webhook acknowledge (POST -> 202)", acks);
        Print($"planning, 1 of {apps:N0} apps touched", planning);
        Print("push -> objects applied", applied);
        Console.WriteLine();
        Console.WriteLine($"  jobs planned per one-app push: {string.Join(", ", jobs.Distinct())} (goal: 1, one per target cluster)");
        var ackOk = Percentile(acks, 0.99) < 1000;
        var applyOk = Percentile(applied, 0.5) < 2000;
        Console.WriteLine($"  goal: ack p99 < 1 s: {Percentile(acks, 0.99):F0} ms ({(ackOk ? "met" : "NOT met")}); GitLab's own timeout is 10 s");
        Console.WriteLine($"  goal: push -> applied p50 < 2 s: {Percentile(applied, 0.5):F0} ms ({(applyOk ? "met" : "NOT met")}); before this issue: 6-7 s (a 10 s poll), and every one of the {apps:N0} apps re-synced");
        return ackOk && applyOk && jobs.All(j => j == 1) ? 0 : 1;
    }

    private static string Name(int a) => $"app-{a:D4}";

    private static string Config(int a, string version)
        => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\ndata:\n  app: \"{a}\"\n  version: {version}\n";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string before, string after)
    {
        var payload = new JsonObject
        {
            ["object_kind"] = "push",
            ["event_name"] = "push",
            ["before"] = before,
            ["after"] = after,
            ["ref"] = "refs/heads/main",
            ["checkout_sha"] = after,
            ["project_id"] = 42,
            ["project"] = new JsonObject { ["id"] = 42, ["path_with_namespace"] = Project, ["git_http_url"] = $"https://gitlab.example.com/{Project}.git" },
            ["commits"] = new JsonArray(),
            ["total_commits_count"] = 1,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/gitlab")
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Gitlab-Event", "Push Hook");
        request.Headers.Add("X-Gitlab-Token", Token);
        request.Headers.Add("X-Gitlab-Event-UUID", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    private static void Print(string measure, List<double> values)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {measure,-38} {values.Count,5} {Percentile(values, 0.5),11:F1} {Percentile(values, 0.99),9:F1} {values.Max(),9:F1}"));

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
