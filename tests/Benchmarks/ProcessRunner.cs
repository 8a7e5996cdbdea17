using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Benchmarks;

/// <summary>
/// One timed run of an external program: wall time from start to exit, CPU time (user + system) of
/// the process, stdout and stderr captured in memory.
/// </summary>
public sealed record ProcessRun(TimeSpan Elapsed, TimeSpan? Cpu, int ExitCode, string Stdout, string Stderr);

/// <summary>Starts whole processes and times them.</summary>
public static partial class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/> to completion in <paramref name="workingDirectory"/>; stdout and
    /// stderr are drained concurrently. CPU time is the growth of <c>getrusage(RUSAGE_CHILDREN)</c>
    /// across the run (Linux and macOS; null elsewhere), so runs must not overlap.
    /// </summary>
    public static ProcessRun Run(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var cpuBefore = ChildrenCpu();
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName}: the process did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var output = stdout.GetAwaiter().GetResult();
        var error = stderr.GetAwaiter().GetResult();
        stopwatch.Stop();
        var cpuAfter = ChildrenCpu();
        return new ProcessRun(stopwatch.Elapsed, cpuAfter - cpuBefore, process.ExitCode, output, error);
    }

    /// <summary>True when <paramref name="fileName"/> can be started with <paramref name="arguments"/> and exits 0.</summary>
    public static bool CanRun(string fileName, params string[] arguments)
    {
        try
        {
            return Run(fileName, arguments, Environment.CurrentDirectory).ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    /// <summary>User + system CPU time of every waited-for child so far, or null off Unix.</summary>
    private static TimeSpan? ChildrenCpu()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return null;
        }

        // struct rusage on 64-bit Unix: ru_utime and ru_stime (timeval: seconds, microseconds), then 14 longs.
        Span<long> usage = stackalloc long[18];
        if (GetRUsage(RusageChildren, ref MemoryMarshal.GetReference(usage)) != 0)
        {
            return null;
        }

        var microseconds = (usage[0] * 1_000_000) + usage[1] + (usage[2] * 1_000_000) + usage[3];
        return TimeSpan.FromMicroseconds(microseconds);
    }

    private const int RusageChildren = -1;

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRUsage(int who, ref long usage);
}
