using GitOps.Cli.Commands;

namespace GitOps.IntegrationTests.Cli;

/// <summary><c>gitops validate</c>: the checks a sync makes, without a cluster, for people and CI.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("gitops-validate-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task ValidTree_WithAKindItsOwnCrdDefines_Passes()
    {
        Write("app/crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Widget, plural: widgets}\n  versions: [{name: v1, served: true, storage: true}]\n");
        Write("app/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: shop\n");
        Write("app/web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n");

        var (exit, output) = await RunAsync("app");

        Assert.Equal((0, "valid: 3 object(s) in 1 app(s)"), (exit, output.Trim()));
    }

    [Fact]
    public async Task UnknownKindAndBadName_AreProblemsNamingTheFile_Exit1()
    {
        Write("app/a.yaml", "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n");
        Write("app/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n");

        var (exit, output) = await RunAsync("app");

        Assert.Equal(1, exit);
        Assert.Contains("Gadget/g (from a.yaml:1): no cluster serves Gadget in example.com/v1, and no CustomResourceDefinition in this revision defines it.", output, StringComparison.Ordinal);
        Assert.Contains("ConfigMap/Bad_Name (from b.yaml:1): metadata.name 'Bad_Name' is not a valid name", output, StringComparison.Ordinal);
        Assert.EndsWith("2 problem(s) in 1 app(s)", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderError_NamesFileAndLine()
    {
        Write("app/kustomization.yaml", "resources:\n- missing.yaml\n");

        var (exit, output) = await RunAsync("app");

        Assert.Equal(1, exit);
        Assert.StartsWith("kustomization.yaml:2: resource \"missing.yaml\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithARegistry_EveryAppIsCheckedWithItsTenancy()
    {
        Write("apps/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: other\n");
        Write("apps/api/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
        Write("registry.yaml", """
            apiVersion: gitops-functions.io/v1
            kind: Registry
            sources: [{name: config, url: https://gitlab.example.com/p/config.git}]
            clusters: [{name: prod, kubeconfigSetting: KUBE}]
            apps:
              - {name: web, source: config, path: apps/web, clusters: [prod], namespace: web}
              - {name: api, source: config, path: apps/api, clusters: [prod], namespace: api}
            """);

        var output = new StringWriter();
        var exit = await ValidateCommand.RunAsync(_root, new FileInfo(Path.Combine(_root.FullName, "registry.yaml")), "default", output, default);

        Assert.Equal(1, exit);
        Assert.Equal(
            ["app/web: ConfigMap/other/c (from apps/web/cm.yaml:1): namespace 'other' is not one app 'web' may write to (allowedNamespaces: web).", "1 problem(s) in 2 app(s)"],
            output.ToString().Trim().Split('\n'));
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private async Task<(int Exit, string Output)> RunAsync(string dir)
    {
        var output = new StringWriter();
        var exit = await ValidateCommand.RunAsync(new DirectoryInfo(Path.Combine(_root.FullName, dir)), null, "default", output, default);
        return (exit, output.ToString());
    }
}
