using System.Diagnostics;
using System.Globalization;
using GitOps.Cli.Local;
using GitOps.Core.Drift;
using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using GitOps.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmarks;

/// <summary>
/// <c>cost</c>: storage transactions counted exactly (a counting pipeline policy on every storage
/// client) and function executions for each unit of work, through the real pipeline on Azurite and
/// the emulator; then a day of a realistic estate priced at Azure's list prices (docs/cost.md).
/// </summary>
public static class CostScenario
{
    private const int ObjectsPerKind = 10;
    private static readonly string[] Kinds = ["ConfigMap", "Secret", "ServiceAccount", "Service", "Deployment"];

    /// <summary>Apps on the emulator for the cluster-scan figures: the measured app and this many more of the same 50 objects.</summary>
    private const int MoreApps = 19;

    public static async Task<int> RunAsync(Estate estate)
    {
        Console.WriteLine($"cost: storage transactions (counted on every storage client) and executions of one {ObjectsPerKind * Kinds.Length}-object app, through the real pipeline (Azurite, local runtime, API emulator)");
        var counter = new StorageTransactionCounter();
        var chatSecret = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await using var chat = await LocalChatSink.StartAsync(chatSecret, TextWriter.Null, CancellationToken.None);
        var settings = new Dictionary<string, string?> { ["CHAT_URL"] = chat.Url, ["CHAT_SECRET"] = chatSecret };
        await using var harness = await PipelineHarness.StartAsync(settings, services => services.AddSingleton(new StoragePipelinePolicy(counter)));
        counter.Watch(harness.Runtime.Services.GetRequiredService<StorageAccount>());
        for (var i = 0; i < ObjectsPerKind; i++)
        {
            foreach (var kind in Kinds)
            {
                harness.Write($"app/{kind.ToLowerInvariant()}-{i:D4}.yaml", SyncScenario.Manifest(kind, i, "v1"));
            }
        }

        harness.Write("app/namespace.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {PipelineHarness.Namespace}\n");
        harness.Commit("first");
        var channels = new[] { new NotificationChannel("chat", ChannelType.Webhook, "CHAT_URL") { SecretSetting = "CHAT_SECRET" } };
        await harness.RegisterAsync(channels);
        var runtime = harness.Runtime;
        var drain = (Func<Task>)(() => runtime.DrainAsync(TimeSpan.FromMinutes(5), CancellationToken.None));

        var steps = new List<Step>
        {
            await MeasureAsync(counter, "first sync (poll -> applied)", timerTicks: 1, async () => { await runtime.PollAsync(CancellationToken.None); await drain(); }),
        };

        harness.Write("app/configmap-0003.yaml", SyncScenario.Manifest("ConfigMap", 3, "v2"));
        harness.Commit("one ConfigMap changed");
        var push = await MeasureAsync(counter, "push, 1 object changed (poll -> applied)", timerTicks: 1, async () => { await runtime.PollAsync(CancellationToken.None); await drain(); });
        steps.Add(push);

        harness.Write("app/configmap-0004.yaml", SyncScenario.Manifest("ConfigMap", 4, "v2"));
        var revision = harness.Commit("another ConfigMap changed");
        var sync = await MeasureAsync(counter, "sync alone (reconcile + health)", timerTicks: 0, async () => await harness.SyncAsync(revision, "cost"));
        steps.Add(sync);
        await runtime.PollAsync(CancellationToken.None);
        await drain();

        var idle = await MeasureAsync(counter, "poll, nothing new", timerTicks: 1, async () => { await runtime.PollAsync(CancellationToken.None); await drain(); });
        steps.Add(idle);
        var scanner = runtime.Services.GetRequiredService<DriftScanner>();
        var scan = await MeasureAsync(counter, "drift scan of the app, compared, in sync", timerTicks: 0, async () => await scanner.ScanAsync(new DriftScanJob(PipelineHarness.App, "emulator") { JobId = "cost-scan" }, CancellationToken.None));
        steps.Add(scan);
        var tick1 = await MeasureAsync(counter, "drift tick, 1 app, unchanged", timerTicks: 1, async () => { await runtime.ScheduleDriftScansAsync(CancellationToken.None); await drain(); });
        steps.Add(tick1);

        // The same 50 objects as more apps on the cluster, each in its own namespace: what a cluster scan costs per app.
        var more = new List<AppDefinition>();
        for (var a = 1; a <= MoreApps; a++)
        {
            var name = $"more-{a:D2}";
            harness.Write($"more/{name}/namespace.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n");
            for (var i = 0; i < ObjectsPerKind; i++)
            {
                foreach (var kind in Kinds)
                {
                    harness.Write($"more/{name}/{kind.ToLowerInvariant()}-{i:D4}.yaml", SyncScenario.Manifest(kind, i, "v1"));
                }
            }

            more.Add(new AppDefinition { Name = name, Source = "config", Path = $"more/{name}", Clusters = ["emulator"], Namespace = name });
        }

        harness.Commit("more apps");
        await harness.RegisterAsync(channels, more);
        await runtime.PollAsync(CancellationToken.None);
        await drain();
        var apps = MoreApps + 1;
        var tickCompared = await MeasureAsync(counter, $"drift tick, {apps} apps, first compared", timerTicks: 1, async () => { await runtime.ScheduleDriftScansAsync(CancellationToken.None); await drain(); });
        steps.Add(tickCompared);
        var tickN = await MeasureAsync(counter, $"drift tick, {apps} apps, unchanged", timerTicks: 1, async () => { await runtime.ScheduleDriftScansAsync(CancellationToken.None); await drain(); });
        steps.Add(tickN);

        harness.Emulator.Control.PatchObject("v1", "ConfigMap", PipelineHarness.Namespace, "configmap-0005", """{"data":{"version":"edited"}}""", "kubectl-edit");
        var drifted = await MeasureAsync(counter, "drift scan finding drift (alert opens)", timerTicks: 0, async () => await scanner.ScanAsync(new DriftScanJob(PipelineHarness.App, "emulator") { JobId = "cost-drift" }, CancellationToken.None));
        steps.Add(drifted);
        var notification = await MeasureAsync(counter, "notification delivered", timerTicks: 0, drain);
        steps.Add(notification);

        Console.WriteLine();
        Console.WriteLine("  step                                      queue  table  blob w/l  blob r  blob del  total   executions  listener polls  wall ms");
        foreach (var s in steps)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Name,-40} {s.Queue,6} {s.Table,6} {s.BlobWrite,9} {s.BlobRead,7} {s.BlobDelete,9} {s.Total,6} {s.Executions,12} {s.Polling,15} {s.Wall.TotalMilliseconds,8:F0}"));
        }

        Console.WriteLine("  (listener polls: empty receives and queue-length reads of the local runtime's drain loop; not counted as work, see docs/cost.md)");
        Console.WriteLine(notification.Executions >= 1 ? "  notification: measured above (one webhook channel, signed post to a local receiver)" : "  notification: NOT delivered in this run");
        Console.WriteLine();
        CostModel.Print(estate, push, sync, idle, tick1, tickN, apps, scan);
        return notification.Executions >= 1 && idle.Total > 0 ? 0 : 1;
    }

    private static async Task<Step> MeasureAsync(StorageTransactionCounter counter, string name, int timerTicks, Func<Task> work)
    {
        counter.Reset();
        var clock = Stopwatch.StartNew();
        await work();
        clock.Stop();
        var c = counter.Snapshot();
        return new Step(name, c.GetValueOrDefault("queue"), c.GetValueOrDefault("table"), c.GetValueOrDefault("blob write/list"), c.GetValueOrDefault("blob read"),
            c.GetValueOrDefault("blob delete"), counter.Handled + timerTicks, counter.Polling, clock.Elapsed);
    }
}

/// <summary>Storage transactions of one measured step by billing class, the function executions it took, and its wall time.</summary>
public sealed record Step(string Name, int Queue, int Table, int BlobWrite, int BlobRead, int BlobDelete, int Executions, int Polling, TimeSpan Wall)
{
    public int Total => Queue + Table + BlobWrite + BlobRead + BlobDelete;

    public Step Minus(Step other, string name) =>
        new(name, Queue - other.Queue, Table - other.Table, BlobWrite - other.BlobWrite, BlobRead - other.BlobRead, BlobDelete - other.BlobDelete, Executions - other.Executions, 0, Wall - other.Wall);

    public Step Times(double n, string name) =>
        new(name, (int)(Queue * n), (int)(Table * n), (int)(BlobWrite * n), (int)(BlobRead * n), (int)(BlobDelete * n), (int)(Executions * n), 0, Wall * n);

    public Step Plus(Step other, string name) =>
        new(name, Queue + other.Queue, Table + other.Table, BlobWrite + other.BlobWrite, BlobRead + other.BlobRead, BlobDelete + other.BlobDelete, Executions + other.Executions, 0, Wall + other.Wall);
}
