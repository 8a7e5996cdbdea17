using System.Globalization;
using System.Reflection;

namespace Benchmarks;

/// <summary>
/// <c>compare</c>: <c>gitops render</c> against <c>kubectl kustomize</c>, both as whole processes on the
/// same generated tree; median wall and CPU time of each over <see cref="BenchOptions.Runs"/> runs, and whether
/// they printed the same objects.
/// </summary>
public static class CompareCommand
{
    public static readonly IReadOnlyList<int> DefaultSizes = [1000, 2000, 4000];

    public static int Run(BenchOptions options)
    {
        var gitops = options.GitOpsDll ?? DefaultGitOpsDll();
        EnsureBuilt(gitops, options.GitOpsDll is null);
        var kubectl = ProcessRunner.CanRun("kubectl", "version", "--client")
            ? ProcessRunner.Run("kubectl", ["version", "--client"], Environment.CurrentDirectory).Stdout.Trim().Replace('\n', ' ')
            : null;

        Console.WriteLine($"compare: whole processes rendering {options.AppPath} of a generated tree (base of N resources: "
            + $"Deployment, Service, ConfigMap, ServiceAccount in equal shares; the overlay adds the generated ConfigMap)");
        Console.WriteLine($"  gitops:  {(gitops.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? "dotnet " : string.Empty)}{gitops} render {options.AppPath} --repo-root TREE");
        Console.WriteLine(kubectl is null
            ? "  kubectl: not found on PATH: gitops times only"
            : $"  kubectl: kubectl kustomize {options.AppPath}   ({kubectl})");
        Console.WriteLine($"  median of {options.Runs} runs each, runs interleaved; one untimed warm-up of each tool on a 40-resource tree; "
            + $"CPU = user + system time of the process; {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, "
            + $"load average {LoadAverage()}");

        using (var warmUp = GeneratedTree.Create(40))
        {
            RenderWithGitOps(gitops, warmUp.Root, options.AppPath);
            if (kubectl is not null)
            {
                RenderWithKubectl(warmUp.Root, options.AppPath);
            }
        }

        Console.WriteLine();
        Console.WriteLine("                  ---------- wall time (median) ----------   ---------- CPU time (median) -----------");
        Console.WriteLine("    size  objects  kubectl s  gitops s  kubectl/gitops   kubectl s  gitops s  kubectl/gitops   same output");
        var failed = false;
        var differences = new List<string>();
        foreach (var size in options.Sizes)
        {
            using var tree = GeneratedTree.Create(size, options.Keep);
            var gitopsRuns = new List<ProcessRun>();
            var kubectlRuns = new List<ProcessRun>();
            for (var run = 0; run < options.Runs; run++)
            {
                if (kubectl is not null)
                {
                    kubectlRuns.Add(RenderWithKubectl(tree.Root, options.AppPath));
                }

                gitopsRuns.Add(RenderWithGitOps(gitops, tree.Root, options.AppPath));
            }

            var gitopsOut = gitopsRuns[0].Stdout;
            var kubectlOut = kubectl is null ? null : kubectlRuns[0].Stdout;
            var objects = GitOps.Rendering.ManifestYaml.Parse(gitopsOut, "gitops").Count;
            var gitopsWall = Stats.Median(gitopsRuns.Select(r => r.Elapsed.TotalSeconds));
            var gitopsCpu = Cpu(gitopsRuns);
            string kubectlWall = "-", wallRatio = "-", kubectlCpu = "-", cpuRatio = "-", same = "-";
            if (kubectlOut is not null)
            {
                var kWall = Stats.Median(kubectlRuns.Select(r => r.Elapsed.TotalSeconds));
                kubectlWall = F2(kWall);
                wallRatio = (kWall / gitopsWall).ToString("F1", CultureInfo.InvariantCulture) + "x";
                if (Cpu(kubectlRuns) is { } kCpu && gitopsCpu is { } gCpu)
                {
                    kubectlCpu = F2(kCpu);
                    cpuRatio = (kCpu / gCpu).ToString("F1", CultureInfo.InvariantCulture) + "x";
                }

                var comparison = OutputComparison.Compare(kubectlOut, gitopsOut);
                same = comparison.Verdict;
                failed |= !comparison.ObjectsEqual;
                if (comparison.FirstDifference is not null)
                {
                    differences.Add($"  {size}: {comparison.FirstDifference}");
                }
            }

            if (options.Keep)
            {
                File.WriteAllText(Path.Combine(tree.Root, "gitops.out.yaml"), gitopsOut);
                if (kubectlOut is not null)
                {
                    File.WriteAllText(Path.Combine(tree.Root, "kubectl.out.yaml"), kubectlOut);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {size,6}  {objects,7}  {kubectlWall,9}  {F2(gitopsWall),8}  {wallRatio,14}   {kubectlCpu,9}  {(gitopsCpu is { } c ? F2(c) : "-"),8}  {cpuRatio,14}   {same}"));
            Console.WriteLine($"          runs (wall/CPU s): kubectl [{Runs(kubectlRuns)}] gitops [{Runs(gitopsRuns)}]; load average {LoadAverage()}");
        }

        foreach (var difference in differences)
        {
            Console.WriteLine("first difference at size" + difference);
        }

        return failed ? 1 : 0;
    }

    private static double? Cpu(List<ProcessRun> runs)
        => runs.All(r => r.Cpu is not null) ? Stats.Median(runs.Select(r => r.Cpu!.Value.TotalSeconds)) : null;

    private static string Runs(List<ProcessRun> runs)
        => string.Join(", ", runs.Select(r => F2(r.Elapsed.TotalSeconds) + "/" + (r.Cpu is { } c ? F2(c.TotalSeconds) : "-")));

    private static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>The 1, 5 and 15 minute load averages (Linux), to judge how busy the machine was.</summary>
    internal static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    // A .dll runs under `dotnet`; anything else (a published apphost, ReadyToRun or Native AOT binary) runs as it is, as a user would.
    private static ProcessRun RenderWithGitOps(string gitops, string tree, string appPath)
        => Checked("gitops render", gitops.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? ProcessRunner.Run("dotnet", [gitops, "render", appPath, "--repo-root", tree], tree)
            : ProcessRunner.Run(gitops, ["render", appPath, "--repo-root", tree], tree));

    private static ProcessRun RenderWithKubectl(string tree, string appPath)
        => Checked("kubectl kustomize", ProcessRunner.Run("kubectl", ["kustomize", appPath], tree));

    private static ProcessRun Checked(string what, ProcessRun run)
        => run.ExitCode == 0
            ? run
            : throw new InvalidOperationException($"{what} exited {run.ExitCode}: {run.Stderr.Trim()}");

    /// <summary>
    /// The Release build of tools/gitops: beside this benchmark when it was built with
    /// <c>--artifacts-path</c> (<c>ARTIFACTS/bin/GitOps.Cli/release/gitops.dll</c>), else
    /// <c>tools/gitops/bin/Release/net10.0/gitops.dll</c> in the checkout.
    /// </summary>
    private static string DefaultGitOpsDll()
    {
        if (ArtifactsRoot() is { } artifacts)
        {
            return Path.Combine(artifacts, "bin", "GitOps.Cli", "release", "gitops.dll");
        }

        return Path.Combine(RepositoryRoot(), "tools", "gitops", "bin", "Release", "net10.0", "gitops.dll");
    }

    private static void EnsureBuilt(string gitopsDll, bool isDefault)
    {
        if (File.Exists(gitopsDll))
        {
            return;
        }

        if (!isDefault)
        {
            throw new ArgumentException($"--gitops {gitopsDll}: no such file");
        }

        List<string> arguments = ["build", "-c", "Release", Path.Combine(RepositoryRoot(), "tools", "gitops")];
        if (ArtifactsRoot() is { } artifacts)
        {
            arguments.AddRange(["--artifacts-path", artifacts]);
        }

        Console.WriteLine($"building: dotnet {string.Join(' ', arguments)}");
        var build = ProcessRunner.Run("dotnet", arguments, RepositoryRoot());
        if (build.ExitCode != 0 || !File.Exists(gitopsDll))
        {
            throw new InvalidOperationException($"building tools/gitops failed (exit {build.ExitCode}):\n{build.Stdout}{build.Stderr}");
        }
    }

    /// <summary>ARTIFACTS when this benchmark runs from <c>ARTIFACTS/bin/Benchmarks/release/</c>.</summary>
    private static string? ArtifactsRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return dir.Name == "release" && dir.Parent?.Name == "Benchmarks" && dir.Parent.Parent?.Name == "bin"
            ? dir.Parent.Parent.Parent!.FullName
            : null;
    }

    /// <summary>The checkout, as GitOps.Core recorded it at build time (its GitOpsRepositoryRoot assembly metadata).</summary>
    internal static string RepositoryRoot()
        => typeof(GitOps.Azurite.AzuriteProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
               .FirstOrDefault(a => a.Key == "GitOpsRepositoryRoot")?.Value
           ?? throw new InvalidOperationException("GitOps.Azurite carries no GitOpsRepositoryRoot metadata: pass --gitops");
}
