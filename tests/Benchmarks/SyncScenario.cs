using System.Globalization;

namespace Benchmarks;

/// <summary>
/// <c>sync</c>: a 1,000-object app in 5 kinds synced through the real pipeline on the emulator: the
/// first sync, a no-op resync (a new commit, same content), one object changed, one object removed.
/// API calls of each sync (and of the health check that follows it) and wall time, against the
/// goals of the apply-engine issue and Flux's cost (a dry-run and an apply per object per sync).
/// </summary>
public static class SyncScenario
{
    private static readonly string[] Kinds = ["ConfigMap", "Secret", "ServiceAccount", "Service", "Deployment"];

    public static async Task<int> RunAsync(int objects)
    {
        var perKind = objects / Kinds.Length;
        Console.WriteLine($"sync: one app of {perKind * Kinds.Length} objects in {Kinds.Length} kinds ({string.Join(", ", Kinds)}), real git, Azurite, the local runtime and the in-process API emulator");
        Console.WriteLine($"  {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {CompareCommand.LoadAverage()}");
        await using var harness = await PipelineHarness.StartAsync();
        for (var i = 0; i < perKind; i++)
        {
            foreach (var kind in Kinds)
            {
                harness.Write($"app/{kind.ToLowerInvariant()}-{i:D4}.yaml", Manifest(kind, i, "v1"));
            }
        }

        harness.Write("app/namespace.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {PipelineHarness.Namespace}\n");
        var first = harness.Commit("first");
        await harness.RegisterAsync();

        var results = new List<StepResult> { await harness.SyncAsync(first, "first sync") };
        results.Add(await harness.SyncAsync(harness.Commit("nothing changes"), "no-op resync"));
        harness.Write("app/configmap-0007.yaml", Manifest("ConfigMap", 7, "v2"));
        results.Add(await harness.SyncAsync(harness.Commit("one ConfigMap changed"), "one object changed"));
        harness.Delete("app/configmap-0011.yaml");
        results.Add(await harness.SyncAsync(harness.Commit("one ConfigMap removed"), "one object removed"));

        var kinds = Kinds.Length + 1;
        Console.WriteLine();
        Console.WriteLine("  step                  API calls   LIST  GET/disc  dry-run  apply  DELETE    wall ms   health check calls   result");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Step,-20} {r.Sync.Count,10} {r.Lists,6} {r.Gets,9} {r.DryRuns,8} {r.Applies,6} {r.Deletes,7} {r.Wall.TotalMilliseconds,10:F0} {r.Health.Count,20}   {r.Summary}"));
        }

        var changed = results[2];
        var noop = results[1];
        var removed = results[3];
        var flux = 2 * (objects + 1);
        var stillThere = harness.Emulator.Control.ListObjectNames("v1", "ConfigMap", PipelineHarness.Namespace).Contains("configmap-0011");
        Console.WriteLine();
        Console.WriteLine($"  goal: one object changed costs at most kinds + 3 = {kinds + 3} calls: {changed.Sync.Count} ({(changed.Sync.Count <= kinds + 3 ? "met" : "NOT met")}); Flux: 2 per object = {flux:N0}, {flux / (double)Math.Max(1, changed.Sync.Count):F0}x more");
        Console.WriteLine($"  goal: a no-op resync costs at most one LIST per kind = {kinds}: {noop.Sync.Count} calls, {noop.Lists} LISTs ({(noop.Sync.Count <= kinds ? "met" : "NOT met")}); Flux: {flux:N0}");
        Console.WriteLine($"  one object removed: {removed.Sync.Count} calls ({removed.Deletes} DELETE); ConfigMap/{PipelineHarness.Namespace}/configmap-0011 {(stillThere ? "is STILL on the cluster" : "is gone from the cluster")}");
        Console.WriteLine($"  (kinds = {kinds}: the 5 kinds and the Namespace; a sync that changed nothing on a healthy app queues no health check)");
        return changed.Sync.Count <= kinds + 3 && noop.Sync.Count <= kinds && !stillThere ? 0 : 1;
    }

    internal static string Manifest(string kind, int i, string version) => kind switch
    {
        "ConfigMap" => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: configmap-{i:D4}\ndata:\n  version: {version}\n  index: \"{i}\"\n",
        "Secret" => $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: secret-{i:D4}\nstringData:\n  password: pw-{i}-{version}\n",
        "ServiceAccount" => $"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: serviceaccount-{i:D4}\n",
        "Service" => $"apiVersion: v1\nkind: Service\nmetadata:\n  name: service-{i:D4}\nspec:\n  selector:\n    app: web-{i}\n  ports:\n    - port: 80\n      targetPort: 8080\n",
        _ => $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: deployment-{i:D4}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web-{i}\n  template:\n    metadata:\n      labels:\n        app: web-{i}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests: {{cpu: 0.1, memory: 64Mi}}\n",
    };
}
