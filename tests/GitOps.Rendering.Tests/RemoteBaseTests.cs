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
    [InlineData("https://dev.azure.com/org/project/_git/bases//deploy/base?ref=v1", "https://dev.azure.com/org/project/_git/bases", "deploy/base", "v1")]
    [InlineData("https://dev.azure.com/org/project/_git/bases?ref=v1", "https://dev.azure.com/org/project/_git/bases", "", "v1")]
    [InlineData("github.com/kubernetes-sigs/kustomize/examples/multibases?ref=v1.0.6", "https://github.com/kubernetes-sigs/kustomize", "examples/multibases", "v1.0.6")]
    [InlineData("https://github.com/kubernetes-sigs/kustomize?ref=v1.0.6", "https://github.com/kubernetes-sigs/kustomize", "", "v1.0.6")]
    [InlineData("git::https://gitlab.example.com/platform/bases.git//deploy?ref=v1", "https://gitlab.example.com/platform/bases.git", "deploy", "v1")]
    [InlineData("HTTPS://gitlab.example.com/platform/bases.git//deploy?ref=v1", "https://gitlab.example.com/platform/bases.git", "deploy", "v1")]
    [InlineData("https://gitlab.example.com/group/sub/bases.git//deploy?version=v1&ref=v2", "https://gitlab.example.com/group/sub/bases.git", "deploy", "v2")]
    [InlineData("https://gitlab.example.com/group/sub/bases.git//deploy?ref=v1&submodules=false&timeout=61", "https://gitlab.example.com/group/sub/bases.git", "deploy", "v1")]
    [InlineData("https://gitlab.example.com/platform/bases.git//deploy?ref=release%2F1.4", "https://gitlab.example.com/platform/bases.git", "deploy", "release/1.4")]
    public void Parse_KustomizeForms(string entry, string repository, string path, string? reference)
    {
        Assert.True(RemoteBase.LooksRemote(entry));
        Assert.Equal(new RemoteBase(repository, path, reference), RemoteBase.Parse(entry));
    }

    [Theory]
    [InlineData("git@gitlab.example.com:platform/bases.git//deploy?ref=v1", "SSH remote bases are not supported yet: use https")]
    [InlineData("ssh://git@gitlab.example.com/platform/bases.git//deploy?ref=v1", "SSH remote bases are not supported yet: use https")]
    [InlineData("github.com:example/bases//deploy?ref=v1", "SSH remote bases are not supported yet: use https")]
    [InlineData("deploy@gitlab.example.com:platform/bases.git?ref=v1", "SSH remote bases are not supported yet: use https")]
    [InlineData("file:///srv/git/bases.git//deploy?ref=v1", "only http(s) git URLs are supported")]
    [InlineData("git://gitlab.example.com/platform/bases.git//deploy?ref=v1", "only http(s) git URLs are supported")]
    [InlineData("https://example.com/manifests/deploy.yaml", "not a git repository URL")]
    [InlineData("https://gitlab.example.com/group/bases/deploy?ref=v1", "not a git repository URL")]
    [InlineData("https://gitlab.example.com//deploy?ref=v1", "not a repository path after the host")]
    [InlineData("https://gitlab.example.com?ref=v1", "no repository after the host")]
    [InlineData("https://gitlab.example.com/platform/bases.git//deploy/../..?ref=v1", "the path inside the repository may not contain")]
    [InlineData("https://gitlab.example.com/platform/bases.git//deploy?ref=v1&depth=1", "unknown query parameter \"depth\"")]
    public void Parse_RefusedForms(string entry, string error)
    {
        Assert.True(RemoteBase.LooksRemote(entry));
        Assert.Contains(error, Assert.Throws<FormatException>(() => RemoteBase.Parse(entry)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CredentialsInTheUrl_AreRefusedWithoutBeingRepeated()
    {
        var error = Assert.Throws<FormatException>(() => RemoteBase.Parse("https://oauth2:glpat-SECRET@gitlab.example.com/p/bases.git//d?ref=v1"));
        Assert.DoesNotContain("glpat-SECRET", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://***@gitlab.example.com/p/bases.git//d?ref=v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SshWithATokenAsUser_IsRefusedWithoutRepeatingIt()
    {
        var error = Assert.Throws<FormatException>(() => RemoteBase.Parse("glpat-SECRET@gitlab.example.com:platform/bases.git?ref=v1"));
        Assert.DoesNotContain("glpat-SECRET", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"***@gitlab.example.com:platform/bases.git?ref=v1\": SSH remote bases are not supported yet", error.Message, StringComparison.Ordinal);
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
        var error = RenderError(remote.Root, app => app
            .Write("outside/kustomization.yaml", "resources:\n- cm.yaml\n")
            .Write("outside/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"));

        Assert.Contains("escapes the remote repository https://gitlab.example.com/platform/bases.git", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RemoteBase_FilesObeyTheLoadRestrictorInsideItsRepository()
    {
        using var remote = new TempRepository()
            .Write("deploy/base/kustomization.yaml", "resources:\n- ../shared/cm.yaml\n")
            .Write("deploy/shared/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");

        var error = RenderError(remote.Root);

        // As for a local base (kubectl's RootOnly restrictor), and named by URL and ref, not by the checkout.
        Assert.Equal("https://gitlab.example.com/platform/bases.git@v1//deploy/base/kustomization.yaml:2: file \"../shared/cm.yaml\" is not in or below the kustomization directory \"https://gitlab.example.com/platform/bases.git@v1//deploy/base\"", error.Message);
        Assert.Equal("https://gitlab.example.com/platform/bases.git@v1//deploy/base/kustomization.yaml", error.File);
    }

    [Fact]
    public void Render_RemoteBase_SymbolicLinkOutOfItsRepository_IsAnError()
    {
        using var outside = new TempRepository().Write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
        using var remote = new TempRepository()
            .Write("deploy/base/kustomization.yaml", "resources:\n- linked\n")
            .Link("deploy/base/linked", outside.Root);

        var error = RenderError(remote.Root);

        Assert.Contains("leads out of the repository through a symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RepositoryPath_CannotEnterARemoteCheckout()
    {
        using var remote = Base(new TempRepository());
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("https://gitlab.example.com/platform/bases.git?ref=v1"u8))[..16];

        var error = RenderError(remote.Root, resources: $"- {BaseUrl}\n- ../../.remote/{hash}/deploy/base\n");

        Assert.StartsWith("apps/a/kustomization.yaml:3: path", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not in the repository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OriginAnnotations_NameTheRepositoryAndRef_AsKubectl()
    {
        using var remote = new TempRepository()
            .Write("deploy/base/kustomization.yaml", "resources:\n- cm.yaml\nconfigMapGenerator:\n- name: gen\n  literals: [a=b]\n")
            .Write("deploy/base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  x: y\n");
        using var app = new TempRepository()
            .Write("app/kustomization.yaml", "resources:\n- https://gitlab.example.com/platform/bases.git//deploy/base?ref=v1\nnamePrefix: p-\nbuildMetadata: [originAnnotations]\n");

        var result = new ManifestRenderer().Render(new RenderRequest(app.Root, "app") { RemoteBases = new Fetcher(remote.Root) });

        // kubectl kustomize v5.5 on the same base (as file:///...//deploy/base?ref=v1), the repository URL replaced.
        Assert.Equal(
            """
            apiVersion: v1
            data:
              a: b
            kind: ConfigMap
            metadata:
              annotations:
                config.kubernetes.io/origin: |
                  repo: https://gitlab.example.com/platform/bases.git
                  ref: v1
                  configuredIn: deploy/base/kustomization.yaml
                  configuredBy:
                    apiVersion: builtin
                    kind: ConfigMapGenerator
              name: p-gen-4h2mbtbbt6
            ---
            apiVersion: v1
            data:
              x: "y"
            kind: ConfigMap
            metadata:
              annotations:
                config.kubernetes.io/origin: |
                  path: deploy/base/cm.yaml
                  repo: https://gitlab.example.com/platform/bases.git
                  ref: v1
              name: p-plain

            """,
            Text(result));
        Assert.Equal("https://gitlab.example.com/platform/bases.git@v1//deploy/base/cm.yaml", result.Objects.Single(o => o.Name == "p-plain").SourceFile);
    }

    [Fact]
    public void Render_FetchFailure_NamesTheKustomizationAndTheUrl()
    {
        var error = RenderError(remote: null, resources: "- https://gitlab.example.com/platform/bases.git//deploy/base?ref=main\n");

        Assert.StartsWith("apps/a/kustomization.yaml:2: remote base https://gitlab.example.com/platform/bases.git//deploy/base?ref=main: refused", error.Message, StringComparison.Ordinal);
    }

    private static TempRepository Base(TempRepository repo, string under = "")
        => repo
            .Write($"{under}deploy/base/kustomization.yaml", "resources:\n- deployment.yaml\nconfigMapGenerator:\n- name: settings\n  files: [config/app.properties]\ncommonLabels:\n  app: web\n")
            .Write($"{under}deploy/base/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        envFrom:\n        - configMapRef:\n            name: settings\n")
            .Write($"{under}deploy/base/config/app.properties", "mode=prod\n");

    private const string BaseUrl = "https://gitlab.example.com/platform/bases.git//deploy/base?ref=v1";

    /// <summary>The error of rendering <c>apps/a</c> with <paramref name="resources"/> (default: the base at <see cref="BaseUrl"/>) fetched from <paramref name="remote"/> (null: refused).</summary>
    private static RenderException RenderError(string? remote, Action<TempRepository>? more = null, string resources = $"- {BaseUrl}\n")
    {
        using var app = new TempRepository().Write("apps/a/kustomization.yaml", "resources:\n" + resources);
        more?.Invoke(app);
        return Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(app.Root, "apps/a") { RemoteBases = new Fetcher(remote) }));
    }

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
