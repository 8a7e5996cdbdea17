using System.Diagnostics;
using System.Globalization;
using GitOps.Core.Drift;
using GitOps.Core.Messaging;
using GitOps.Core.Status;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmarks;

/// <summary>
/// <c>drift</c>: one app of 10,000 objects in 20 kinds (10 built-in, 10 defined by CRDs of the same
/// revision) synced through the real pipeline, then drift scans: in sync, and after one live edit.
/// API calls per scan (one LIST per kind, plus pages) and wall time, against the scanner this issue
/// replaced (one GET per object).
/// </summary>
public static class DriftScenario
{
    private const int CustomKinds = 10;

    private static readonly string[] BuiltIn = ["ConfigMap", "Secret", "ServiceAccount", "Service", "Role", "RoleBinding", "Ingress", "PersistentVolumeClaim", "CronJob", "Deployment"];

    public static async Task<int> RunAsync(int objects)
    {
        var kinds = BuiltIn.Length + CustomKinds;
        var perKind = objects / kinds;
        Console.WriteLine($"drift: one app of {perKind * kinds:N0} objects in {kinds} kinds ({BuiltIn.Length} built-in, {CustomKinds} from CRDs), real git, Azurite, the local runtime and the in-process API emulator");
        Console.WriteLine($"  {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {CompareCommand.LoadAverage()}");
        await using var harness = await PipelineHarness.StartAsync();
        harness.Write("app/namespace.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {PipelineHarness.Namespace}\n");
        for (var k = 0; k < CustomKinds; k++)
        {
            harness.Write($"app/crd-{k}.yaml", Crd(k));
        }

        for (var i = 0; i < perKind; i++)
        {
            foreach (var kind in BuiltIn)
            {
                harness.Write($"app/{kind.ToLowerInvariant()}-{i:D4}.yaml", Manifest(kind, i));
            }

            for (var k = 0; k < CustomKinds; k++)
            {
                harness.Write($"app/gadget{k}-{i:D4}.yaml", $"apiVersion: bench.example.com/v1\nkind: Gadget{k}\nmetadata:\n  name: gadget{k}-{i:D4}\nspec:\n  size: {i}\n  colour: blue\n");
            }
        }

        await harness.RegisterAsync();
        var setup = await harness.SyncAsync(harness.Commit("10,000 objects"), "first sync");
        Console.WriteLine($"  set-up: first sync {setup.Wall.TotalSeconds:F1} s, {setup.Sync.Count:N0} API calls ({setup.Summary})");

        var scanner = harness.Runtime.Services.GetRequiredService<DriftScanner>();
        var inSync = await ScanAsync(harness, scanner, "in sync");
        harness.Emulator.Control.PatchObject("v1", "ConfigMap", PipelineHarness.Namespace, "configmap-0042", """{"data":{"colour":"red"}}""", "kubectl-edit");
        var edited = await ScanAsync(harness, scanner, "one live edit");

        Console.WriteLine();
        Console.WriteLine("  scan            API calls   LIST  GET    wall ms   result");
        foreach (var (name, calls, lists, gets, wall, outcome) in new[] { inSync, edited })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-15} {calls,9} {lists,6} {gets,4} {wall.TotalMilliseconds,10:F0}   {outcome.State}: {outcome.Message}"));
        }

        // The app's kinds: the 20, its Namespace and the CustomResourceDefinitions themselves; a LIST page holds 500 objects.
        var appKinds = kinds + 2;
        var pages = appKinds + (kinds * ((perKind - 1) / 500));
        var before = perKind * kinds + CustomKinds + 1;
        Console.WriteLine();
        Console.WriteLine($"  goal: API calls per scan = kinds ({appKinds}: the {kinds}, the Namespace and CustomResourceDefinition) plus extra pages = {pages}: {inSync.Calls} ({(inSync.Calls <= pages ? "met" : "NOT met")}); the scanner before: one GET per object = {before:N0}, {before / (double)Math.Max(1, inSync.Calls):F0}x more");
        Console.WriteLine($"  goal: under 5 s a scan: {inSync.Wall.TotalSeconds:F2} s in sync, {edited.Wall.TotalSeconds:F2} s with drift ({(inSync.Wall.TotalSeconds < 5 && edited.Wall.TotalSeconds < 5 ? "met" : "NOT met")})");
        return inSync.Outcome.State == DriftState.InSync && edited.Outcome.State == DriftState.Drifted && inSync.Wall.TotalSeconds < 5 ? 0 : 1;
    }

    private static async Task<(string Name, int Calls, int Lists, int Gets, TimeSpan Wall, DriftScanOutcome Outcome)> ScanAsync(PipelineHarness harness, DriftScanner scanner, string name)
    {
        harness.Emulator.Control.ResetRequests();
        var clock = Stopwatch.StartNew();
        var outcome = await scanner.ScanAsync(new DriftScanJob(PipelineHarness.App, "emulator") { JobId = $"bench-{name}" }, CancellationToken.None);
        clock.Stop();
        var requests = harness.Emulator.Control.Requests;
        return (name, requests.Count, requests.Count(r => r.Verb == "list"), requests.Count(r => r.Verb is "get" or "discovery"), clock.Elapsed, outcome);
    }

    private static string Crd(int k) => $"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadget{k}s.bench.example.com
        spec:
          group: bench.example.com
          scope: Namespaced
          names:
            plural: gadget{k}s
            singular: gadget{k}
            kind: Gadget{k}
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
        """;

    private static string Manifest(string kind, int i) => kind switch
    {
        "Role" => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: role-{i:D4}\nrules:\n  - apiGroups: [\"\"]\n    resources: [configmaps]\n    verbs: [get]\n",
        "RoleBinding" => $"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rolebinding-{i:D4}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: role-{i:D4}\nsubjects:\n  - kind: ServiceAccount\n    name: serviceaccount-{i:D4}\n",
        "Ingress" => $"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ingress-{i:D4}\nspec:\n  rules:\n    - host: h{i}.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: service-{i:D4}\n                port:\n                  number: 80\n",
        "PersistentVolumeClaim" => $"apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: persistentvolumeclaim-{i:D4}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1024Mi\n",
        "CronJob" => $"apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cronjob-{i:D4}\nspec:\n  schedule: \"0 3 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: c\n              image: busybox:1.36\n",
        "ConfigMap" => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: configmap-{i:D4}\ndata:\n  colour: blue\n",
        _ => SyncScenario.Manifest(kind, i, "v1"),
    };
}
