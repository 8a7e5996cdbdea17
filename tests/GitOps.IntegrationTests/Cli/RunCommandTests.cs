using GitOps.Cli.Commands;

namespace GitOps.IntegrationTests.Cli;

/// <summary>The README's first command, <c>gitops run --once</c>: the demo end to end, as a newcomer runs it.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task RunOnce_Demo_SyncsIsHealthyRaisesTheDriftAlertAndSelfHeals()
    {
        var workdir = Directory.CreateTempSubdirectory("gitops-run-");
        try
        {
            using var output = new StringWriter();

            var exit = await RunCommand.RunAsync(once: true, registryFile: null, workdir, TimeSpan.FromMinutes(2), httpPort: 0, output, CancellationToken.None);

            var text = output.ToString();
            Assert.Equal(0, exit);
            Assert.Contains("==> Drift alert for hello on emulator", text, StringComparison.Ordinal);
            Assert.Contains("Deployment/hello/web spec.replicas: desired 2, live 5", text, StringComparison.Ordinal);
            Assert.Matches(@"hello\s+emulator\s+\S+\s+Succeeded\s+Healthy\s", text);
            Assert.Contains("==> Self-heal (driftPolicy: correct): Deployment/hello/web is back at 2 replicas, spec.replicas owned by 'gitops-functions' again", text, StringComparison.Ordinal);

            // The local chat sink gets the drift alert, then its resolution after the self-heal, both signed.
            var opened = text.IndexOf("    | 🟠 Drift: hello on emulator", StringComparison.Ordinal);
            var resolved = text.IndexOf("    | ✅ Resolved Drift: hello on emulator", StringComparison.Ordinal);
            Assert.True(opened >= 0 && resolved > opened, text);
            Assert.DoesNotContain("SIGNATURE INVALID", text, StringComparison.Ordinal);
            Assert.Equal(2, text.Split("==> Chat message (signature verified):").Length - 1);
        }
        finally
        {
            workdir.Delete(recursive: true);
        }
    }
}
