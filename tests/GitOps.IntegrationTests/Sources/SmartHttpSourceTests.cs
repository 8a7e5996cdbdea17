using GitOps.Core.Alerts;
using GitOps.Core.Planning;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using GitOps.IntegrationTests.Infrastructure;
using k8s;

namespace GitOps.IntegrationTests.Sources;

/// <summary>
/// Sources served over git's smart HTTP protocol with token authentication, as GitLab serves them:
/// the pipeline lists, clones and fetches with the source's token.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class SmartHttpSourceTests
{
    private const string TokenSetting = "GITLAB_TOKEN_PLATFORM";

    private readonly PipelineFixture _fixture;

    public SmartHttpSourceTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task SourceOverHttpsWithAToken_IsPolledClonedAndFetchedWithIt()
    {
        await using var git = await GitHttpServer.StartAsync();
        await using var pipeline = await CreateAsync(git, token: git.Token);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "one"));
        pipeline.Repo.Commit("one");
        await RegisterAsync(pipeline, git);
        await pipeline.SyncAsync();
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "two"));
        var second = pipeline.Repo.Commit("two");
        await pipeline.SyncAsync();

        Assert.Equal(second, (await pipeline.StatusAsync()).AppliedRevision);
        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        Assert.NotEmpty(git.AuthenticatedUsers);
        Assert.All(git.AuthenticatedUsers, u => Assert.Equal("oauth2", u));
        using var kube = pipeline.Kube();
        Assert.Equal("two", (await kube.CoreV1.ReadNamespacedConfigMapAsync("settings", pipeline.Namespace)).Data["greeting"]);

        // The token lives in the setting only: never in the clone's configuration.
        var config = await File.ReadAllTextAsync(Path.Combine(pipeline.Folder, "cache", "config", "clone.git", "config"));
        Assert.DoesNotContain(git.Token, config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongToken_IsOneClearSourceErrorAndOneAlert_NotAPoisonQueue_AndResolvesWhenItWorks()
    {
        await using var git = await GitHttpServer.StartAsync();
        await using var pipeline = await CreateAsync(git, token: "glpat-revoked");
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "one"));
        pipeline.Repo.Commit("one");
        await RegisterAsync(pipeline, git);

        for (var poll = 0; poll < 3; poll++)
        {
            await pipeline.SyncAsync();
        }

        var check = await pipeline.Runtime.CheckSourceAsync("config", default);
        Assert.Equal($"source/config: cannot list the references of {git.BaseAddress}platform/config.git: the server refused the token in setting '{TokenSetting}' (expired, revoked, or without read_repository scope?)", check.Error);
        Assert.DoesNotContain(pipeline.Logs.Lines, l => l.Contains("glpat-revoked", StringComparison.Ordinal));
        var alert = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(SourceWorker.AlertSubject("config"), default));
        Assert.Equal((AlertKind.SourceUnreachable, null), (alert.Kind, alert.ResolvedAt));
        Assert.Empty((await pipeline.Storage.Queue(StorageNames.SourceChangesQueue + StorageNames.PoisonSuffix).PeekMessagesAsync(1)).Value);

        pipeline.Configuration[TokenSetting] = git.Token;
        await pipeline.SyncAsync();

        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        alert = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(SourceWorker.AlertSubject("config"), default));
        Assert.Equal("source/config is readable again", alert.Resolution);
    }

    [Fact]
    public async Task RevisionGoneAfterAForcePush_IsReportedNotRetried_AndTheNewHeadIsApplied()
    {
        await using var git = await GitHttpServer.StartAsync();
        await using var pipeline = await CreateAsync(git, token: git.Token);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "one"));
        var first = pipeline.Repo.Commit("one");
        await RegisterAsync(pipeline, git);
        await pipeline.SyncAsync();

        // A commit is planned, then force-pushed away before its job runs.
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "oops"));
        var gone = pipeline.Repo.Commit("pushed by mistake");
        Assert.Equal(1, (await pipeline.Runtime.CheckSourceAsync("config", default)).JobsEnqueued);
        pipeline.Repo.Git("reset", "--hard", first);
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "fixed"));
        var fixedHead = pipeline.Repo.Commit("the right change");
        pipeline.Repo.Git("reflog", "expire", "--expire=now", "--all");
        pipeline.Repo.Git("gc", "--prune=now", "--quiet");

        // The job runs on an instance that never fetched the commit (a fresh local disk).
        Directory.Delete(Path.Combine(pipeline.Folder, "cache"), recursive: true);
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);
        await pipeline.SyncAsync();

        var status = await pipeline.StatusAsync();
        Assert.Equal((fixedHead, SyncResult.Succeeded), (status.AppliedRevision, status.LastResult));
        var skipped = Assert.Single(await pipeline.HistoryAsync(), h => h.Revision == gone);
        Assert.Equal(SyncResult.Skipped, skipped.Result);
        Assert.Contains($"revision {gone} is not in {git.BaseAddress}platform/config.git any more", skipped.Message, StringComparison.Ordinal);
        Assert.Empty((await pipeline.Storage.Queue(StorageNames.ReconcileJobsQueue + StorageNames.PoisonSuffix).PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task PerRevisionTrees_AreCleanedUp_KeepingTheNewest()
    {
        await using var git = await GitHttpServer.StartAsync();
        await using var pipeline = await CreateAsync(git, git.Token, new Dictionary<string, string?> { ["GitOps:Sources:KeepTrees"] = "2", ["GitOps:Sources:TreeGracePeriod"] = "00:00:00" });
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        await RegisterAsync(pipeline, git);
        var revisions = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", $"v{i}"));
            revisions.Add(pipeline.Repo.Commit($"v{i}"));
            await pipeline.SyncAsync();
        }

        var trees = Directory.GetDirectories(Path.Combine(pipeline.Folder, "cache", "config", "trees")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(revisions.TakeLast(2).Order(StringComparer.Ordinal), trees);
        Assert.Equal(revisions[^1], (await pipeline.StatusAsync()).AppliedRevision);
    }

    private Task<TestPipeline> CreateAsync(GitHttpServer git, string token, Dictionary<string, string?>? more = null)
    {
        ArgumentNullException.ThrowIfNull(git);
        var settings = new Dictionary<string, string?>(more ?? []) { [TokenSetting] = token };
        return TestPipeline.CreateAsync(_fixture, settings);
    }

    private static Task RegisterAsync(TestPipeline pipeline, GitHttpServer git)
        => pipeline.RegisterAppsAsync(
            new SourceDefinition("config", git.Serve("platform/config", pipeline.Repo.Path), "main", TokenSetting),
            kubeconfigFile: null,
            new AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace });
}
