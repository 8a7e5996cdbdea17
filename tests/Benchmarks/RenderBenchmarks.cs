using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GitOps.Rendering;

namespace Benchmarks;

/// <summary>
/// <c>bdn</c>: BenchmarkDotNet over the in-process render (+ YAML write) of overlays/a for 1,000 and
/// 4,000 base resources. ShortRun, in-process toolchain (no second build of this project, so it
/// honours <c>--artifacts-path</c>), with the memory diagnoser.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private const int JitWarmUpRenders = 8;

    private GeneratedTree? _tree;
    private ManifestRenderer _renderer = null!;
    private RenderRequest _request = null!;

    [Params(1000, 4000)]
    public int Resources { get; set; }

    public static void RunAll(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkRunner.Run<RenderBenchmarks>(config, args);
    }

    [GlobalSetup]
    public void Setup()
    {
        _tree = GeneratedTree.Create(Resources);
        _renderer = new ManifestRenderer();
        _request = new RenderRequest(_tree.Root, "overlays/a");

        // ShortRun's three warm-up iterations leave the in-process toolchain on tier-0 code for the
        // first benchmark; a few renders here let the tiered JIT optimise the hot paths first.
        for (var i = 0; i < JitWarmUpRenders; i++)
        {
            RenderAndWrite();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _tree?.Dispose();

    [Benchmark]
    public int Render() => _renderer.Render(_request).Objects.Count;

    [Benchmark]
    public int RenderAndWrite() => ManifestYaml.Write(_renderer.Render(_request).Objects.Select(o => o.Body)).Length;
}
