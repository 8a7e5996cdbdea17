using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.Protobuf;

namespace Benchmarks.ColdStart;

/// <summary>
/// <c>coldstart</c>: the function app's worker as Flex Consumption starts it, from process start to
/// its first handled queue message. The app is published twice (as the CI <c>package</c> job does, and
/// with ReadyToRun); each run starts <c>dotnet GitOps.Functions.dll</c> with the host's arguments, plays
/// the Functions host's part of the protocol (<see cref="HostStandIn"/>: init, function metadata, load,
/// invocation) and times each step, then invokes the same function again in the warm worker. The
/// message is a real DriftScanner job: the worker reads the registry, status, snapshot and inventory
/// from Azurite and lists the app's 50 objects on the emulator.
/// </summary>
public static class ColdStartScenario
{
    private const string RequestId = "coldstart";

    public static async Task<int> RunAsync(int runs)
    {
        var root = Directory.CreateTempSubdirectory("gitops-coldstart-").FullName;
        var repository = CompareCommand.RepositoryRoot();
        Console.WriteLine($"coldstart: worker start-up to first handled message, {runs} runs per build, load average {CompareCommand.LoadAverage()}");
        var variants = new List<(string Name, string Directory)>
        {
            ("framework-dependent, no ReadyToRun", Publish(repository, Path.Combine(root, "plain"))),
            ("ReadyToRun, linux-x64 (CI package job)", Publish(repository, Path.Combine(root, "r2r"), "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true")),
        };

        await using var harness = await PipelineHarness.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            foreach (var kind in new[] { "ConfigMap", "Secret", "ServiceAccount", "Service", "Deployment" })
            {
                harness.Write($"app/{kind.ToLowerInvariant()}-{i:D4}.yaml", SyncScenario.Manifest(kind, i, "v1"));
            }
        }

        harness.Write("app/namespace.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {PipelineHarness.Namespace}\n");
        harness.Commit("first");
        await harness.RegisterAsync();
        await harness.Runtime.PollAsync(CancellationToken.None);
        await harness.Runtime.DrainAsync(TimeSpan.FromMinutes(5), CancellationToken.None);

        var rpc = new RpcMessages();
        await using var host = await HostStandIn.StartAsync(rpc);
        var results = new List<(string Variant, Run Run)>();
        var failed = false;
        foreach (var (name, directory) in variants)
        {
            for (var run = 0; run < runs; run++)
            {
                try
                {
                    results.Add((name, await RunOnceAsync(rpc, host, harness, directory, run)));
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or OperationCanceledException or IOException)
                {
                    Console.WriteLine($"  {name} run {run + 1}: FAILED: {e.Message}");
                    failed = true;
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("  build (median of runs, ms from process start)  connected  initialized  functions loaded  first message handled  | warm invocation");
        foreach (var group in results.GroupBy(r => r.Variant))
        {
            var r = group.Select(g => g.Run).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {group.Key,-46} {Median(r, x => x.Connected),10:F0} {Median(r, x => x.Initialized),12:F0} {Median(r, x => x.Loaded),17:F0} {Median(r, x => x.FirstHandled),22:F0}  | {Median(r, x => x.Warm),15:F0}"));
            Console.WriteLine($"    runs (start-up to first handled, ms): {string.Join(", ", r.Select(x => x.FirstHandled.ToString("F0", CultureInfo.InvariantCulture)))}");
        }

        Console.WriteLine("  (times from process start; the stand-in host answers at once, so the Functions host's own start and scheduling are not included)");
        return failed || results.Count == 0 ? 1 : 0;
    }

    /// <summary>Milliseconds from process start: connected to the host, initialized, functions loaded, first message handled; and the second invocation's own time.</summary>
    private sealed record Run(double Connected, double Initialized, double Loaded, double FirstHandled, double Warm);

    private static async Task<Run> RunOnceAsync(RpcMessages rpc, HostStandIn host, PipelineHarness harness, string directory, int run)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var token = timeout.Token;
        var workerId = Guid.NewGuid().ToString();
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = StartWorker(directory, host.Address, workerId, harness.Settings, output);
        try
        {
            var stream = await host.AcceptAsync(token);
            await stream.ReadUntilAsync("start_stream", token);
            var connected = clock.Elapsed.TotalMilliseconds;

            await stream.SendAsync(rpc.Envelope(RequestId, "worker_init_request", rpc.New("WorkerInitRequest",
                ("host_version", "4.1040.100.0"), ("function_app_directory", directory), ("worker_directory", directory))), token);
            Check(await stream.ReadUntilAsync("worker_init_response", token), "worker init");
            var initialized = clock.Elapsed.TotalMilliseconds;

            await stream.SendAsync(rpc.Envelope(RequestId, "functions_metadata_request", rpc.New("FunctionsMetadataRequest", ("function_app_directory", directory))), token);
            var metadata = await stream.ReadUntilAsync("function_metadata_response", token);
            Check(metadata, "function metadata");
            var functions = RpcMessages.List(metadata, "function_metadata_results").Cast<IMessage>().ToList();
            foreach (var function in functions)
            {
                await stream.SendAsync(rpc.Envelope(RequestId, "function_load_request", rpc.New("FunctionLoadRequest",
                    ("function_id", RpcMessages.Get(function, "function_id")!), ("metadata", function))), token);
            }

            for (var i = 0; i < functions.Count; i++)
            {
                Check(await stream.ReadUntilAsync("function_load_response", token), "function load");
            }

            var loaded = clock.Elapsed.TotalMilliseconds;
            var scanner = functions.FirstOrDefault(f => (string?)RpcMessages.Get(f, "name") == "DriftScanner")
                ?? throw new InvalidOperationException($"the worker reported no DriftScanner function (it has {string.Join(", ", functions.Select(f => RpcMessages.Get(f, "name")))})");
            var functionId = (string)RpcMessages.Get(scanner, "function_id")!;

            // Each invocation compares the app in full: a write to one of its objects makes the previous scan's digest stale.
            Touch(harness, run, "cold");
            await InvokeAsync(rpc, stream, functionId, $"cold-{run}", token);
            var first = clock.Elapsed.TotalMilliseconds;

            Touch(harness, run, "warm");
            var warm = Stopwatch.StartNew();
            await InvokeAsync(rpc, stream, functionId, $"warm-{run}", token);
            stream.Close();
            return new Run(connected, initialized, loaded, first, warm.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            var tail = output.ToString();
            throw new InvalidOperationException($"{e.Message}; worker output: {(tail.Length > 2000 ? tail[^2000..] : tail)}", e);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task InvokeAsync(RpcMessages rpc, WorkerStream stream, string functionId, string jobId, CancellationToken token)
    {
        var traceParent = $"00-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}-01";
        var invocation = rpc.New("InvocationRequest", ("invocation_id", Guid.NewGuid().ToString()), ("function_id", functionId),
            ("trace_context", rpc.New("RpcTraceContext", ("trace_parent", traceParent), ("trace_state", string.Empty))));
        var message = $$"""{"schemaVersion":2,"app":"{{PipelineHarness.App}}","cluster":"emulator","jobId":"{{jobId}}"}""";
        RpcMessages.List(invocation, "input_data").Add(rpc.New("ParameterBinding", ("name", "message"), ("data", rpc.New("TypedData", ("string", message)))));
        var metadata = RpcMessages.Map(invocation, "trigger_metadata");
        metadata["DequeueCount"] = rpc.New("TypedData", ("json", "1"));
        metadata["Id"] = rpc.New("TypedData", ("string", Guid.NewGuid().ToString()));
        await stream.SendAsync(rpc.Envelope(RequestId, "invocation_request", invocation), token);
        Check(await stream.ReadUntilAsync("invocation_response", token), $"invocation {jobId}");
    }

    private static void Touch(PipelineHarness harness, int run, string what)
        => harness.Emulator.Control.PatchObject("v1", "ConfigMap", PipelineHarness.Namespace, "configmap-0001", $"{{\"metadata\":{{\"annotations\":{{\"touched\":\"{what}-{run}\"}}}}}}", "kubectl-annotate");

    /// <summary>Fails unless the response's <c>result.status</c> is Success, with the worker's own message.</summary>
    private static void Check(IMessage response, string step)
    {
        var result = RpcMessages.GetMessage(response, "result");
        var status = RpcMessages.Get(result, "status")?.ToString();
        if (status != "Success")
        {
            var exception = RpcMessages.Get(result, "exception") as IMessage;
            throw new InvalidOperationException($"{step}: {status}: {RpcMessages.Get(result, "result")} {(exception is null ? string.Empty : $"{RpcMessages.Get(exception, "message")} {RpcMessages.Get(exception, "stack_trace")}")}");
        }
    }

    private static Process StartWorker(string directory, Uri host, string workerId, IReadOnlyDictionary<string, string?> settings, StringBuilder output)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var port = host.Port.ToString(CultureInfo.InvariantCulture);
        var endpoint = $"http://127.0.0.1:{port}/";
        foreach (var argument in new[]
        {
            Path.Combine(directory, "GitOps.Functions.dll"),
            "--host", "127.0.0.1", "--port", port, "--workerId", workerId, "--requestId", RequestId, "--grpcMaxMessageLength", "2147483647",
            "--functions-uri", endpoint, "--functions-worker-id", workerId, "--functions-request-id", RequestId, "--functions-grpc-max-message-length", "2147483647",
        })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        info.Environment["Functions__Worker__HostEndpoint"] = endpoint;
        info.Environment["Functions__Worker__WorkerId"] = workerId;
        info.Environment["Functions__Worker__RequestId"] = RequestId;
        info.Environment["Functions__Worker__GrpcMaxMessageLength"] = "2147483647";
        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        info.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = directory;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet: the worker did not start");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string Publish(string repository, string output, params string[] extra)
    {
        Console.WriteLine($"  publishing the function app to {output} {string.Join(' ', extra)}");
        var run = ProcessRunner.Run("dotnet", ["publish", Path.Combine(repository, "functions", "GitOps.Functions"), "-c", "Release", "-o", output, .. extra], repository);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed: {run.Stdout}{run.Stderr}");
        }

        return output;
    }

    private static double Median(List<Run> runs, Func<Run, double> value)
    {
        var sorted = runs.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
