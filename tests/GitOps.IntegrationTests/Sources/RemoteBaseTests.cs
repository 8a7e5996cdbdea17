using GitOps.Core.Alerts;
using GitOps.Core.Registry;
using GitOps.Core.Sources;
using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;
using GitOps.Rendering;
using k8s;

namespace GitOps.IntegrationTests.Sources;

/// <summary>
/// Kustomize remote bases: a base in another repository, served over smart HTTP with a token as
/// GitLab serves it, referenced by <c>?ref=</c> from an app; fetched with the token of the registered
/// source for that repository, rendered as a local copy of it would be.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class RemoteBaseTests
{
    private const string ConfigToken = "GITLAB_TOKEN_CONFIG";
    private const string BasesToken = "GITLAB_TOKEN_BASES";

    private readonly PipelineFixture _fixture;

    public RemoteBaseTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task RemoteBaseAtATag_IsSynced_AndRendersAsALocalCopyOfIt()
    {
        await using var git = await GitHttpServer.StartAsync();
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { [ConfigToken] = git.Token, [BasesToken] = git.Token });
        var bases = await StartAsync(pipeline, git, "?ref=v1");

        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        using var kube = pipeline.Kube();
        Assert.Equal("from-v1", (await kube.CoreV1.ReadNamespacedConfigMapAsync("prod-settings", pipeline.Namespace)).Data["greeting"]);

        // The same app with the base copied into its repository renders the same text.
        var vendored = Path.Combine(pipeline.Repo.Path, "vendored");
        bases.Git("checkout", "-q", "v1");
        CopyDirectory(Path.Combine(bases.Path, "deploy"), Path.Combine(vendored, "deploy"));
        bases.Git("checkout", "-q", "main");
        pipeline.Repo.Write("local/kustomization.yaml", Kustomization("../vendored/deploy/base"));
        pipeline.Repo.Write("local/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        var renderer = pipeline.Get<ManifestRenderer>();
        var fetcher = RemoteBaseFetcher.For(pipeline.Get<GitSourceCache>(), pipeline.Get<RegistryStore>(), new AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"] });
        var remote = renderer.Render(new RenderRequest(pipeline.Repo.Path, "app") { RemoteBases = fetcher });
        var local = renderer.Render(new RenderRequest(pipeline.Repo.Path, "local"));
        Assert.Equal(ManifestYaml.Write(local.Objects.Select(o => o.Body)), ManifestYaml.Write(remote.Objects.Select(o => o.Body)));
        Assert.Contains(remote.Inputs, i => i == $"remote:{git.BaseAddress}platform/bases.git?ref=v1");
    }

    [Fact]
    public async Task WrongTokenForTheBase_IsOneClearSyncError_NamingTheUrlNotTheToken()
    {
        await using var git = await GitHttpServer.StartAsync();
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { [ConfigToken] = git.Token, [BasesToken] = "glpat-wrong-secret" });
        await StartAsync(pipeline, git, "?ref=v1");

        var status = await pipeline.StatusAsync();
        Assert.Equal(SyncResult.Failed, status.LastResult);
        Assert.Contains(
            $"app/kustomization.yaml:3: remote base {git.BaseAddress}platform/bases.git//deploy/base?ref=v1: cannot list the references of {git.BaseAddress}platform/bases.git: the server refused the token in setting '{BasesToken}'",
            status.LastMessage, StringComparison.Ordinal);
        var texts = new List<string?> { status.LastMessage };
        texts.AddRange((await pipeline.HistoryAsync()).Select(h => h.Message));
        texts.AddRange((await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default)).Select(a => a.Summary));
        texts.AddRange(pipeline.Logs.Lines);
        Assert.DoesNotContain(texts, t => t?.Contains("glpat-wrong-secret", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(texts, t => t?.Contains(git.Token, StringComparison.Ordinal) == true);
        Assert.Single(await pipeline.HistoryAsync(), h => h.Result == SyncResult.Failed);
    }

    /// <summary>Bases refused before anything is applied: one sync error naming the kustomization's line and the URL. <c>{git}</c> is the server's address, <c>{other}</c> the same on the next port.</summary>
    [Theory]
    [InlineData("{git}platform/bases.git//deploy/base", "", null,
        "app/kustomization.yaml:3: remote base {git}platform/bases.git//deploy/base: no ?ref=: pin a tag or a commit (or set allowFloatingRefs: true on the app)")]
    [InlineData("ssh://git@{authority}/platform/bases.git//deploy/base", "?ref=v1", null,
        "app/kustomization.yaml:3: remote base \"ssh://***@{authority}/platform/bases.git//deploy/base?ref=v1\": SSH remote bases are not supported yet: use https")]
    [InlineData("{git}platform/bases.git//deploy/base", "?ref=v1", "{other}platform/bases.git", // another service of the host gets no token
        "app/kustomization.yaml:3: remote base {git}platform/bases.git//deploy/base?ref=v1: cannot list the references of {git}platform/bases.git: the server asks for credentials, and no registered source's URL (same scheme and port) prefixes this one")]
    public async Task RefusedBase_IsOneClearSyncError(string baseUrl, string query, string? basesSourceUrl, string expected)
    {
        await using var git = await GitHttpServer.StartAsync();
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { [ConfigToken] = git.Token, [BasesToken] = git.Token });
        var other = new UriBuilder(git.BaseAddress) { Port = git.BaseAddress.Port + 1 }.Uri;
        string Expand(string text) => text.Replace("{git}", git.BaseAddress.ToString(), StringComparison.Ordinal)
            .Replace("{other}", other.ToString(), StringComparison.Ordinal).Replace("{authority}", git.BaseAddress.Authority, StringComparison.Ordinal);

        await StartAsync(pipeline, git, query, Expand(baseUrl), basesSourceUrl is null ? null : Expand(basesSourceUrl));

        var status = await pipeline.StatusAsync();
        Assert.Equal(SyncResult.Failed, status.LastResult);
        Assert.Contains(Expand(expected), status.LastMessage, StringComparison.Ordinal);
        Assert.Single(await pipeline.HistoryAsync(), h => h.Result == SyncResult.Failed);
    }

    [Fact]
    public async Task BranchRef_IsRefused_UnlessTheAppAllowsFloatingRefs()
    {
        await using var git = await GitHttpServer.StartAsync();
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { [ConfigToken] = git.Token, [BasesToken] = git.Token });
        await StartAsync(pipeline, git, "?ref=main");

        var status = await pipeline.StatusAsync();
        Assert.Equal(SyncResult.Failed, status.LastResult);
        Assert.Contains("app/kustomization.yaml:3: remote base", status.LastMessage, StringComparison.Ordinal);
        Assert.Contains("\"main\" is a branch, which moves: pin a tag or a commit (or set allowFloatingRefs: true on the app)", status.LastMessage, StringComparison.Ordinal);

        await RegisterAsync(pipeline, git, allowFloatingRefs: true);
        pipeline.Repo.Write("app/note.txt", "retry");
        pipeline.Repo.Commit("retry");
        await pipeline.SyncAsync();

        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        using var kube = pipeline.Kube();
        Assert.Equal("from-main", (await kube.CoreV1.ReadNamespacedConfigMapAsync("prod-settings", pipeline.Namespace)).Data["greeting"]);
    }

    [Fact]
    public async Task Planning_PinnedBaseIsAnInputByRef_FloatingBranchPlansTheAppOnEveryCommit()
    {
        await using var git = await GitHttpServer.StartAsync();
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { [ConfigToken] = git.Token, [BasesToken] = git.Token });
        var bases = await StartAsync(pipeline, git, "?ref=v1");
        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);

        // Pinned: a commit elsewhere in the source does not plan the app, whatever happens in the base repository.
        bases.Write("deploy/base/config.yaml", Manifests.ConfigMap("settings", "from-main-2"));
        bases.Commit("main moves");
        pipeline.Repo.Write("README.md", "unrelated\n");
        pipeline.Repo.Commit("unrelated");
        Assert.Equal(0, (await pipeline.Runtime.CheckSourceAsync("config", default)).JobsEnqueued);

        // Floating: the same kind of commit plans it, and the sync sees where the branch is now.
        pipeline.Repo.Write("app/kustomization.yaml", Kustomization($"{git.BaseAddress}platform/bases.git//deploy/base?ref=main"));
        pipeline.Repo.Commit("follow main");
        await RegisterAsync(pipeline, git, allowFloatingRefs: true);
        await pipeline.SyncAsync();
        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        bases.Write("deploy/base/config.yaml", Manifests.ConfigMap("settings", "from-main-3"));
        bases.Commit("main moves again");
        pipeline.Repo.Write("README.md", "unrelated, again\n");
        pipeline.Repo.Commit("unrelated again");
        Assert.Equal(1, (await pipeline.Runtime.CheckSourceAsync("config", default)).JobsEnqueued);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        using var kube = pipeline.Kube();
        Assert.Equal("from-main-3", (await kube.CoreV1.ReadNamespacedConfigMapAsync("prod-settings", pipeline.Namespace)).Data["greeting"]);
    }

    /// <summary>A base repository (tag v1, then a newer commit on main) and an app using it with <paramref name="query"/>; registered and synced.</summary>
    private static async Task<GitRepo> StartAsync(TestPipeline pipeline, GitHttpServer git, string query, string? baseUrl = null, string? basesSourceUrl = null)
    {
        var bases = new GitRepo(Path.Combine(pipeline.Folder, "bases"));
        bases.Write("deploy/base/kustomization.yaml", "resources:\n- config.yaml\ncommonLabels:\n  tier: base\n");
        bases.Write("deploy/base/config.yaml", Manifests.ConfigMap("settings", "from-v1"));
        bases.Commit("v1");
        bases.Git("tag", "-a", "v1", "-m", "v1");
        bases.Write("deploy/base/config.yaml", Manifests.ConfigMap("settings", "from-main"));
        bases.Commit("newer");
        git.Serve("platform/bases", bases.Path);

        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/kustomization.yaml", Kustomization((baseUrl ?? $"{git.BaseAddress}platform/bases.git//deploy/base") + query));
        pipeline.Repo.Commit("app on a remote base");
        await RegisterAsync(pipeline, git, allowFloatingRefs: false, basesSourceUrl);
        await pipeline.SyncAsync();
        return bases;
    }

    private static string Kustomization(string @base) => $"resources:\n- namespace.yaml\n- {@base}\nnamePrefix: prod-\n";

    private static Task RegisterAsync(TestPipeline pipeline, GitHttpServer git, bool allowFloatingRefs, string? basesSourceUrl = null)
        => pipeline.RegisterAppsAsync(
            [
                new SourceDefinition("config", git.Serve("platform/config", pipeline.Repo.Path), "main", ConfigToken),
                new SourceDefinition("bases", basesSourceUrl ?? $"{git.BaseAddress}platform/bases.git", "main", BasesToken),
            ],
            kubeconfigFile: null,
            new AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace, AllowFloatingRefs = allowFloatingRefs });

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
