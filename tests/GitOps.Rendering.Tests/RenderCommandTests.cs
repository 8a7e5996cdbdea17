using System.CommandLine;
using GitOps.Cli.Commands;

namespace GitOps.Rendering.Tests;

public sealed class RenderCommandTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = RenderCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Render_KustomizeDirectory_PrintsTheYamlStreamAndExitsZero()
    {
        var root = Path.Combine(FixturePaths.Kustomize, "overlay-diamond");

        var (exitCode, output, error) = Run(Path.Combine(root, "app"), "--repo-root", root);

        Assert.Equal(0, exitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(root, "expected.yaml")), output);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Render_BrokenKustomization_WritesTheErrorToStderrAndExitsOne()
    {
        var root = Path.Combine(FixturePaths.Errors, "unknown-field");

        var (exitCode, output, error) = Run(Path.Combine(root, "app"), "--repo-root", root);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: app/kustomization.yaml:4: unknown field \"nameSufix\"\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_VarsAndStrict_AreHandedToTheRenderer()
    {
        using var repo = new TempRepository()
            .Write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: ${A}\n  b: ${B:=dflt}\n  c: ${C}\n");

        var ok = Run(Path.Combine(repo.Root, "app"), "--repo-root", repo.Root, "--var", "A=1", "--var", "C=x=y");
        var strict = Run(Path.Combine(repo.Root, "app"), "--repo-root", repo.Root, "--var", "A=1", "--strict");

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("apiVersion: v1\ndata:\n  a: \"1\"\n  b: dflt\n  c: x=y\nkind: ConfigMap\nmetadata:\n  name: c\n", ok.Output);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("ConfigMap/c (from app/cm.yaml): variable \"C\" is not defined", strict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_VarWithoutEquals_IsAnError()
    {
        using var repo = new TempRepository().Write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");

        var (exitCode, _, error) = Run(Path.Combine(repo.Root, "app"), "--repo-root", repo.Root, "--var", "NOVALUE");

        Assert.Equal(1, exitCode);
        Assert.Contains("--var \"NOVALUE\": expected KEY=VALUE", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FindRepositoryRoot_DirectoryInsideGitCheckout_ReturnsTheTopLevel()
    {
        using var repo = new TempRepository().Write(".git/HEAD", "ref: refs/heads/main\n").Write("apps/web/cm.yaml", "x: 1\n");

        Assert.Equal(repo.Root, RenderCommand.FindRepositoryRoot(Path.Combine(repo.Root, "apps", "web")));
    }

    [Fact]
    public void Render_WithoutRepoRoot_UsesTheGitTopLevelSoPathsAreRepositoryRelative()
    {
        using var repo = new TempRepository()
            .Write(".git/HEAD", "ref: refs/heads/main\n")
            .Write("apps/web/kustomization.yaml", "resources:\n- missing.yaml\n");

        var (exitCode, _, error) = Run(Path.Combine(repo.Root, "apps", "web"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: apps/web/kustomization.yaml:2: resource \"missing.yaml\" does not exist", error, StringComparison.Ordinal);
    }
}
