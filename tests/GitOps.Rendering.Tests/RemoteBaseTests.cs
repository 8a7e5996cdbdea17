using GitOps.Rendering;

namespace GitOps.Rendering.Tests;

/// <summary>Remote bases: the URL forms Kustomize accepts, and a fetched base rendered as a local copy of it would be, inside its own repository.</summary>
public sealed class RemoteBaseTests
{
    [Theory]
    [InlineData("https://gitlab.example.com/platform/bases.git//deploy/base?ref=v1.4.0", "https://gitlab.example.com/platform/bases.git", "deploy/base", "v1.4.0")]
    [InlineData("https://gitlab.example.com/platform/bases.git/deploy/base?ref=v1", "https://gitlab.example.com/platform/bases.git", "deploy/base", "v1")]
    [InlineData("https://gitlab.example.com/platform/bases//deploy?version=abc123", "https://gitlab.example.com/platform/bases", "deploy", "abc123")]
    [InlineData("https://gitlab.example.com/platform/bases.git?ref=v2", "https://gitlab.example.com/platform/bases.git", "", "v2")]
    [InlineData("https://dev.azure.com/org/project/_git/bases/deploy?ref=v1&timeout=90s", "https://dev.azure.com/org/project/_git/bases", "deploy", "v1")]
    [InlineData("github.com/example/bases//deploy?ref=v1", "https://github.com/example/bases", "deploy", "v1")]
    [InlineData("http://127.0.0.1:8080/bases.git//deploy/", "http://127.0.0.1:8080/bases.git", "deploy", null)]
    public void Parse_KustomizeForms(string entry, string repository, string path, string? reference)
    {
        Assert.True(RemoteBase.LooksRemote(entry));
        Assert.Equal(new RemoteBase(repository, path, reference), RemoteBase.Parse(entry));
    }

    [Fact]
    public void Parse_CredentialsInTheUrl_AreRefusedWithoutBeingRepeated()
    {
        var error = Assert.Throws<FormatException>(() => RemoteBase.Parse("https://oauth2:glpat-SECRET@gitlab.example.com/p/bases.git//d?ref=v1"));
        Assert.DoesNotContain("glpat-SECRET", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://***@gitlab.example.com/p/bases.git//d?ref=v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RemoteBase_IsIdenticalToALocalCopy_AndAnInputByUrlAndRef()
    {
        using var remote = Base(new TempRepository());
        using var app = Base(new TempRepository(), "vendored/")
            .Write("apps/remote/kustomization.yaml", "resources:\n- https://gitlab.example.com/platform/bases.git//deploy/base?ref=v1\nnamePrefix: prod-\nnamespace: shop\n")
            .Write("apps/local/kustomization.yaml", "resources:\n- ../../vendored/deploy/base\nnamePrefix: prod-\nnamespace: shop\n");
        var fetcher = new Fetcher(remote.Root);

        var fromRemote = new ManifestRenderer().Render(new RenderRequest(app.Root, "apps/remote") { RemoteBases = fetcher });
        var fromLocal = new ManifestRenderer().Render(new RenderRequest(app.Root, "apps/local"));

        Assert.Equal(Text(fromLocal), Text(fromRemote));
        Assert.Equal([new RemoteBase("https://gitlab.example.com/platform/bases.git", "deploy/base", "v1")], fetcher.Fetched);
        Assert.Contains("remote:https://gitlab.example.com/platform/bases.git?ref=v1", fromRemote.Inputs);
        Assert.DoesNotContain(fromRemote.Inputs, i => i.StartsWith(".remote/", StringComparison.Ordinal));
        Assert.True(RenderResult.Touches(fromRemote.Inputs, "apps/remote/kustomization.yaml"));
    }

    [Fact]
    public void Render_RemoteBase_CannotLeaveItsRepository()
    {
        using var remote = new TempRepository()
            .Write("deploy/base/kustomization.yaml", "resources:\n- ../../../outside\n");
        using var app = new TempRepository()
            .Write("outside/kustomization.yaml", "resources:\n- cm.yaml\n")
            .Write("outside/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n")
            .Write("apps/a/kustomization.yaml", "resources:\n- https://gitlab.example.com/platform/bases.git//deploy/base?ref=v1\n");

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(app.Root, "apps/a") { RemoteBases = new Fetcher(remote.Root) }));

        Assert.Contains("escapes the remote repository https://gitlab.example.com/platform/bases.git", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FetchFailure_NamesTheKustomizationAndTheUrl()
    {
        using var app = new TempRepository()
            .Write("apps/a/kustomization.yaml", "resources:\n- https://gitlab.example.com/platform/bases.git//deploy/base?ref=main\n");

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(app.Root, "apps/a") { RemoteBases = new Fetcher(null) }));

        Assert.StartsWith("apps/a/kustomization.yaml:2: remote base https://gitlab.example.com/platform/bases.git//deploy/base?ref=main: refused", error.Message, StringComparison.Ordinal);
    }

    private static TempRepository Base(TempRepository repo, string under = "")
        => repo
            .Write($"{under}deploy/base/kustomization.yaml", "resources:\n- deployment.yaml\nconfigMapGenerator:\n- name: settings\n  files: [config/app.properties]\ncommonLabels:\n  app: web\n")
            .Write($"{under}deploy/base/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        envFrom:\n        - configMapRef:\n            name: settings\n")
            .Write($"{under}deploy/base/config/app.properties", "mode=prod\n");

    private static string Text(RenderResult result) => ManifestYaml.Write(result.Objects.Select(o => o.Body));

    private sealed class Fetcher(string? directory) : IRemoteBases
    {
        public List<RemoteBase> Fetched { get; } = [];

        public string Fetch(RemoteBase remote)
        {
            Fetched.Add(remote);
            return directory ?? throw new RemoteBaseException($"remote base {remote.Display}: refused");
        }
    }
}
