using System.Text.RegularExpressions;

namespace GitOps.Functions.Tests.Delivery;

/// <summary>
/// infra/ compiles and lints clean with the Bicep CLI the tests restore. A linter finding is either
/// fixed or lowered in infra/bicepconfig.json with its reason written above it.
/// </summary>
public sealed partial class BicepTests
{
    [BicepFact]
    public async Task Build_MainBicepAndParameters_CompileWithoutDiagnostics()
    {
        var build = await BicepCli.RunAsync("build", Repository.File("infra", "main.bicep"), "--stdout");
        var parameters = await BicepCli.RunAsync("build-params", Repository.File("infra", "main.bicepparam"), "--stdout");

        Assert.True(build.ExitCode == 0, "bicep build infra/main.bicep failed:\n" + build.StdErr);
        Assert.True(parameters.ExitCode == 0, "bicep build-params infra/main.bicepparam failed:\n" + parameters.StdErr);
        Assert.Empty(Failing(build.StdErr));
        Assert.Empty(Failing(parameters.StdErr));
    }

    [BicepFact]
    public async Task Lint_MainBicepAndParameters_NoErrorOrWarning()
    {
        foreach (var file in new[] { "main.bicep", "main.bicepparam" })
        {
            var lint = await BicepCli.RunAsync("lint", Repository.File("infra", file));

            // bicep lint exits 0 with warnings; the diagnostics on stderr are what count.
            Assert.True(lint.ExitCode == 0, $"bicep lint infra/{file} failed:\n{lint.StdErr}");
            var failing = Failing(lint.StdErr);
            Assert.True(failing.Count == 0, $"bicep lint infra/{file}: fix these or accept them in infra/bicepconfig.json with a reason:\n{string.Join('\n', failing)}");
        }
    }

    [BicepFact]
    public async Task Lint_CatchesAFinding_InACopyWithAHardcodedLocation()
    {
        using var copy = InfraCopy.Create();
        copy.Edit("modules/monitoring.bicep", s => s.Replace("  location: location\n  tags: tags\n  properties: {\n    sku:", "  location: 'westeurope'\n  tags: tags\n  properties: {\n    sku:", StringComparison.Ordinal));

        var lint = await BicepCli.RunAsync("lint", copy.File("main.bicep"));

        Assert.Contains(Failing(lint.StdErr), d => d.Contains("no-hardcoded-location", StringComparison.Ordinal));
    }

    [Fact]
    public void BicepConfig_EveryRuleLoweredBelowWarning_StatesItsReason()
    {
        var lines = File.ReadAllLines(Repository.File("infra", "bicepconfig.json"));
        for (var i = 0; i < lines.Length; i++)
        {
            var rule = LoweredRule().Match(lines[i]);
            if (!rule.Success)
            {
                continue;
            }

            var above = lines.Take(i).Reverse().FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? string.Empty;
            Assert.True(above.StartsWith("//", StringComparison.Ordinal) && above.Length > 10,
                $"infra/bicepconfig.json:{i + 1}: rule '{rule.Groups["rule"].Value}' is lowered to '{rule.Groups["level"].Value}' without a reason in the comment above it.");
        }
    }

    /// <summary>Error and warning diagnostics (<c>file(line,col) : Warning rule: message</c>); info lines are accepted findings.</summary>
    internal static List<string> Failing(string diagnostics) =>
        diagnostics.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => Diagnostic().Match(l) is { Success: true } m && m.Groups["level"].Value is "Error" or "Warning")
            .ToList();

    [GeneratedRegex(@"^.+\(\d+,\d+\) : (?<level>Error|Warning|Info) ")]
    private static partial Regex Diagnostic();

    [GeneratedRegex(@"""(?<rule>[a-z0-9-]+)""\s*:\s*\{\s*""level""\s*:\s*""(?<level>info|off|none)""")]
    private static partial Regex LoweredRule();
}
