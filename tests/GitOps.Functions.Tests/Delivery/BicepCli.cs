using System.Diagnostics;
using System.Text.Json.Nodes;

namespace GitOps.Functions.Tests.Delivery;

/// <summary>
/// The Bicep CLI from the <c>Azure.Bicep.CommandLine.linux-x64</c> package (a PackageDownload of
/// this project, so restore brings it). On other platforms the package has no binary for the
/// machine and the tests that need it are skipped, visibly (<see cref="BicepFactAttribute"/>).
/// </summary>
internal static class BicepCli
{
    public static string? Path { get; } = Find();

    public static string MissingReason =>
        $"Bicep CLI not found under {Repository.Metadata("BicepCli")} (the Azure.Bicep.CommandLine.linux-x64 package runs on linux-x64 only)";

    private static string? Find()
    {
        var path = System.IO.Path.Combine(Repository.Metadata("BicepCli"), "tools", "bicep");
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64 || !File.Exists(path))
        {
            return null;
        }

        // NuGet extracts without guaranteeing the execute bit for group/other; make sure we can run it.
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>Runs <c>bicep {arguments}</c>; returns the exit code and what it printed on stderr (its diagnostics).</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(MissingReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, and no registry/network look-ups from a test.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Compiles a Bicep file to its ARM JSON; throws with the diagnostics when it does not compile.</summary>
    public static async Task<JsonObject> BuildAsync(string bicepFile)
    {
        var (exitCode, stdout, stderr) = await RunAsync("build", bicepFile, "--stdout");
        Assert.True(exitCode == 0, $"{bicepFile}: bicep build failed ({exitCode}):\n{stderr}");
        return JsonNode.Parse(stdout)!.AsObject();
    }

    /// <summary>The compiled infra/main.bicep, built once for all the tests that read it.</summary>
    public static Lazy<Task<JsonObject>> MainTemplate { get; } = new(() => BuildAsync(Repository.File("infra", "main.bicep")));
}

/// <summary>A fact that needs the Bicep CLI: skipped, with the reason shown, where the package has no binary for this machine.</summary>
public sealed class BicepFactAttribute : FactAttribute
{
    public BicepFactAttribute()
    {
        if (BicepCli.Path is null)
        {
            Skip = BicepCli.MissingReason;
        }
    }
}
