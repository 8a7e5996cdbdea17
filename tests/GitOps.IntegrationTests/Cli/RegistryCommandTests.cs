using System.CommandLine;
using GitOps.Cli.Commands;
using GitOps.Core.Registry;
using GitOps.Core.Storage;

namespace GitOps.IntegrationTests.Cli;

/// <summary><c>gitops registry apply / list</c> run through System.CommandLine against a real Azurite.</summary>
public sealed class RegistryCommandTests : IClassFixture<RegistryCliFixture>, IDisposable
{
    private const string Registry = """
        apiVersion: gitops-functions.io/v1
        kind: Registry
        sources:
          - name: platform
            url: https://gitlab.example.com/platform/config.git
            tokenSetting: GITLAB_TOKEN
        clusters:
          - name: prod-weu
            kubeconfigSetting: KUBECONFIG_PROD_WEU
          - name: dev
            kubeconfigFile: /etc/gitops/dev.kubeconfig
            context: kind-dev
        apps:
          - name: web
            source: platform
            path: apps/web/overlays/prod
            clusters: [prod-weu, dev]
            namespace: web
            driftPolicy: correct
            variables: { CLUSTER_REGION: westeurope }
        """;

    private readonly StorageAccount _account;
    private readonly string _directory;

    public RegistryCommandTests(RegistryCliFixture azurite)
    {
        _account = azurite.CreateAccount();
        _directory = Directory.CreateTempSubdirectory("gitops-registry-cli-").FullName;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Apply_NewFile_PrintsCreatedPerEntryAndSummary()
    {
        var file = WriteFile("registry.yaml", Registry);

        var run = await RunAsync("apply", "-f", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["source/platform created", "cluster/dev created", "cluster/prod-weu created", "app/web created", "registry: 4 created, 0 updated, 0 unchanged, 0 deleted"],
            Lines(run.Output));
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Apply_SameFileTwice_PrintsUnchanged()
    {
        var file = WriteFile("registry.yaml", Registry);
        await RunAsync("apply", "-f", file);

        var run = await RunAsync("apply", "--file", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("registry: 0 created, 0 updated, 4 unchanged, 0 deleted", Lines(run.Output)[^1]);
        Assert.Contains("app/web unchanged", Lines(run.Output));
    }

    [Fact]
    public async Task Apply_PruneWithAppRemoved_PrintsDeleted()
    {
        await RunAsync("apply", "-f", WriteFile("registry.yaml", Registry));
        var smaller = WriteFile("smaller.yaml", Registry[..Registry.IndexOf("apps:", StringComparison.Ordinal)]);

        var run = await RunAsync("apply", "-f", smaller, "--prune");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("app/web deleted", Lines(run.Output));
        Assert.Empty((await new RegistryStore(_account).LoadAsync()).Apps);
    }

    [Fact]
    public async Task Apply_DryRun_WritesNothing()
    {
        var run = await RunAsync("apply", "-f", WriteFile("registry.yaml", Registry), "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("app/web created (dry run)", Lines(run.Output));
        Assert.Empty((await new RegistryStore(_account).LoadAsync()).Sources);
    }

    [Fact]
    public async Task Apply_InvalidFile_PrintsFileAndLineToStderrAndWritesNothing()
    {
        var file = WriteFile("bad.yaml", Registry.Replace("driftPolicy: correct", "driftPolicy: fix", StringComparison.Ordinal)
            .Replace("clusters: [prod-weu, dev]", "clusters: [prod-weu, staging]", StringComparison.Ordinal));

        var run = await RunAsync("apply", "-f", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal(
            [
                $"{file}:17: apps[0].clusters[1]: unknown cluster 'staging' (defined clusters: dev, prod-weu)",
                $"{file}:19: apps[0].driftPolicy: 'fix' is not one of alert, correct",
                $"error: {file} is invalid (2 problems); nothing was written",
            ],
            Lines(run.Error));
        Assert.Empty((await new RegistryStore(_account).LoadAsync()).Sources);
    }

    [Fact]
    public async Task Apply_MissingFile_FailsWithExitCodeOne()
    {
        var run = await RunAsync("apply", "-f", Path.Combine(_directory, "nope.yaml"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {Path.Combine(_directory, "nope.yaml")}: cannot read the registry file", run.Error);
    }

    [Fact]
    public async Task Apply_WithoutFileOption_IsAUsageError()
    {
        var run = await RunAsync("apply");

        // System.CommandLine reports parse errors itself (exit code 1 here); Program maps them to 2 for the whole tool.
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--file", run.Error);
    }

    [Fact]
    public async Task Apply_StorageNotConfigured_FailsWithExitCodeOne()
    {
        var file = WriteFile("registry.yaml", Registry);
        var command = RegistryCommand.Create(() => throw new InvalidOperationException("Set AzureWebJobsStorage."));

        var run = await RunAsync(command, "apply", "-f", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: registry: Set AzureWebJobsStorage.", run.Error.Trim());
    }

    [Fact]
    public async Task List_AfterApply_PrintsAlignedTablesWithoutSecrets()
    {
        await RunAsync("apply", "-f", WriteFile("registry.yaml", Registry));

        var run = await RunAsync("list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """
            SOURCES (1)
            NAME      URL                                             BRANCH  TOKEN SETTING
            platform  https://gitlab.example.com/platform/config.git  main    GITLAB_TOKEN

            CLUSTERS (2)
            NAME      CONNECTION                       CONTEXT
            dev       file /etc/gitops/dev.kubeconfig  kind-dev
            prod-weu  setting KUBECONFIG_PROD_WEU      -

            APPS (1)
            NAME  SOURCE    PATH                    CLUSTERS      NAMESPACE  SYNC  DRIFT    VARIABLES
            web   platform  apps/web/overlays/prod  prod-weu,dev  web        auto  correct  CLUSTER_REGION

            NOTIFICATIONS (0)
            (none)

            """,
            run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task List_EmptyRegistry_SaysNone()
    {
        var run = await RunAsync("list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["SOURCES (0)", "(none)", string.Empty, "CLUSTERS (0)", "(none)", string.Empty, "APPS (0)", "(none)", string.Empty, "NOTIFICATIONS (0)", "(none)"], Lines(run.Output));
    }

    [Fact]
    public async Task List_OutputYaml_IsARegistryFileThatAppliesUnchanged()
    {
        await RunAsync("apply", "-f", WriteFile("registry.yaml", Registry));
        var listed = await RunAsync("list", "-o", "yaml");

        var run = await RunAsync("apply", "-f", WriteFile("exported.yaml", listed.Output));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("registry: 0 created, 0 updated, 4 unchanged, 0 deleted", Lines(run.Output)[^1]);
    }

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        RunAsync(RegistryCommand.Create(() => _account), args);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Command command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
