using System.Diagnostics;
using System.Globalization;
using GitOps.Rendering;

namespace Benchmarks;

/// <summary>
/// <c>scale</c>: in-process render (<see cref="ManifestRenderer.Render"/>) and write
/// (<see cref="ManifestYaml.Write"/>) of growing trees: median wall and CPU time of
/// <see cref="BenchOptions.Iterations"/> runs after one warm-up, bytes allocated and GC pauses per run,
/// and time per resource relative to the smallest size (constant when time grows linearly).
/// </summary>
public static class ScaleCommand
{
    public static readonly IReadOnlyList<int> DefaultSizes = [1000, 2000, 4000, 8000];

    /// <summary>Untimed renders of a 1,000-resource tree before the first size.</summary>
    private const int WarmUpRenders = 10;

    public static void Run(BenchOptions options)
    {
        Console.WriteLine($"scale: in-process ManifestRenderer.Render + ManifestYaml.Write of {options.AppPath}; "
            + $"median of {options.Iterations} runs after one warm-up per size (and {WarmUpRenders} renders of a 1,000-resource tree first)");
        Console.WriteLine("  CPU = process user + system time; allocated = GC.GetTotalAllocatedBytes(precise) delta; GC pause = GC.GetTotalPauseDuration() delta; "
            + "per-resource columns are wall/CPU");
        Console.WriteLine($"  {Environment.ProcessorCount} cores, .NET {Environment.Version}, Server GC {System.Runtime.GCSettings.IsServerGC}, "
            + $"load average {CompareCommand.LoadAverage()}");

        // Tiered JIT: the first renders run unoptimised code; render a small tree until the hot paths are
        // recompiled (tier 1 after 30 calls and a short delay) so the smallest size is not penalised.
        using (var warmUp = GeneratedTree.Create(1000))
        {
            Measure(warmUp.Root, options.AppPath, WarmUpRenders);
        }

        Console.WriteLine();
        Console.WriteLine("    size  objects  render ms  write ms  total ms    CPU ms  us/resource  vs smallest  allocated MB  KB/resource  GC pause ms  gen0/1/2 GCs");
        (double Wall, double Cpu)? baseline = null;
        foreach (var size in options.Sizes)
        {
            using var tree = GeneratedTree.Create(size);
            var m = Measure(tree.Root, options.AppPath, options.Iterations);
            var perResource = (Wall: m.TotalMs * 1000 / size, Cpu: m.CpuMs * 1000 / size);
            baseline ??= perResource;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {size,6}  {m.Objects,7}  {m.RenderMs,9:F0}  {m.WriteMs,8:F0}  {m.TotalMs,8:F0}  {m.CpuMs,8:F0}  {$"{perResource.Wall:F0}/{perResource.Cpu:F0}",11}  "
                + $"{$"{perResource.Wall / baseline.Value.Wall:F2}/{perResource.Cpu / baseline.Value.Cpu:F2}",11}  "
                + $"{m.AllocatedBytes / 1048576.0,12:F1}  {m.AllocatedBytes / 1024.0 / size,11:F1}  {m.GcPauseMs,11:F0}  {m.Collections,12}"));
        }
    }

    /// <summary>Medians over <paramref name="iterations"/> runs, after one warm-up run.</summary>
    public static Measurement Measure(string root, string appPath, int iterations)
    {
        var renderer = new ManifestRenderer();
        var request = new RenderRequest(root, appPath);
        var objects = RenderOnce(renderer, request).Objects;

        var samples = new List<Sample>();
        for (var i = 0; i < iterations; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            samples.Add(RenderOnce(renderer, request));
        }

        var collections = samples.Select(s => s.Collections).Order().ElementAt(samples.Count / 2);
        return new Measurement(
            objects,
            Stats.Median(samples.Select(s => s.RenderMs)),
            Stats.Median(samples.Select(s => s.WriteMs)),
            Stats.Median(samples.Select(s => s.RenderMs + s.WriteMs)),
            Stats.Median(samples.Select(s => s.CpuMs)),
            (long)Stats.Median(samples.Select(s => (double)s.AllocatedBytes)),
            Stats.Median(samples.Select(s => s.GcPauseMs)),
            $"{collections.Gen0}/{collections.Gen1}/{collections.Gen2}");
    }

    private static Sample RenderOnce(ManifestRenderer renderer, RenderRequest request)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();

        var result = renderer.Render(request);
        var rendered = Stopwatch.GetTimestamp();
        var yaml = ManifestYaml.Write(result.Objects.Select(o => o.Body));
        var written = Stopwatch.GetTimestamp();

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        process.Refresh();
        GC.KeepAlive(yaml);
        return new Sample(
            result.Objects.Count,
            Stopwatch.GetElapsedTime(start, rendered).TotalMilliseconds,
            Stopwatch.GetElapsedTime(rendered, written).TotalMilliseconds,
            (process.TotalProcessorTime - cpuBefore).TotalMilliseconds,
            allocated,
            (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds,
            (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2));
    }

    private sealed record Sample(int Objects, double RenderMs, double WriteMs, double CpuMs, long AllocatedBytes, double GcPauseMs,
        (int Gen0, int Gen1, int Gen2) Collections);

    /// <summary>Medians of one size. <paramref name="GcPauseMs"/> is time the runtime was paused for GC, inside the total.</summary>
    public sealed record Measurement(int Objects, double RenderMs, double WriteMs, double TotalMs, double CpuMs, long AllocatedBytes,
        double GcPauseMs, string Collections);
}
