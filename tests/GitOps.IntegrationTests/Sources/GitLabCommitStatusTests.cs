using GitOps.Core.Registry;
using GitOps.Core.Sources;
using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;

namespace GitOps.IntegrationTests.Sources;

/// <summary>Commit statuses per app × cluster on the synced commit, against a real HTTP server standing in for GitLab.</summary>
[Collection(PipelineCollection.Name)]
public sealed class GitLabCommitStatusTests
{
    private const string ApiTokenSetting = "GITLAB_API_TOKEN";
    private const string ApiToken = "glpat-api-5e1f";

    private readonly PipelineFixture _fixture;

    public GitLabCommitStatusTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Sync_PostsRunningThenSuccessWhenHealthy_WithTheTokenAndFormFieldsGitLabExpects()
    {
        await using var gitlab = await GitLabApiStandIn.StartAsync();
        await using var pipeline = await CreateAsync(gitlab);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "one"));
        var revision = pipeline.Repo.Commit("one");

        await pipeline.SyncAsync();

        Assert.Equal(HealthState.Healthy, (await pipeline.StatusAsync()).Health);
        var posts = gitlab.Requests.ToList();
        Assert.Equal(["running", "success"], posts.Select(p => p.Form["state"]));
        Assert.All(posts, p =>
        {
            Assert.Equal("POST", p.Method);
            Assert.Equal($"/api/v4/projects/platform%2Fconfig/statuses/{revision}", p.RawTarget);
            Assert.Equal(ApiToken, p.PrivateToken);
            Assert.Equal($"gitops/{pipeline.App}/emulator", p.Form["name"]);
            Assert.Equal("main", p.Form["ref"]);
        });
        Assert.Equal("syncing to emulator", posts[0].Form["description"]);
        Assert.StartsWith("2 created; healthy: all 2 object(s)", posts[1].Form["description"], StringComparison.Ordinal);
        Assert.Contains("; healthy: ", posts[1].Form["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedRender_PostsFailed_AndTheSameStateIsNotPostedTwice()
    {
        await using var gitlab = await GitLabApiStandIn.StartAsync();
        await using var pipeline = await CreateAsync(gitlab);
        pipeline.Repo.Write("app/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [\n");
        var revision = pipeline.Repo.Commit("broken");

        await pipeline.SyncAsync();

        Assert.Equal(SyncResult.Failed, (await pipeline.StatusAsync()).LastResult);
        Assert.Equal(("broken", "poll"), ((await pipeline.HistoryAsync())[0].CommitTitle, (await pipeline.HistoryAsync())[0].Trigger));
        var failed = gitlab.Requests.Last();
        Assert.Equal("failed", failed.Form["state"]);
        Assert.Contains("render failed", failed.Form["description"], StringComparison.Ordinal);

        var source = (await pipeline.Get<RegistryStore>().LoadAsync()).Sources[0];
        await pipeline.Get<GitLabCommitStatus>().ReportAsync(source, pipeline.App, "emulator", revision, CommitState.Failed, "again", default);
        Assert.Equal(2, gitlab.Requests.Count);
    }

    [Fact]
    public async Task GitLabOutage_NeverFailsTheSync()
    {
        await using var gitlab = await GitLabApiStandIn.StartAsync();
        gitlab.Outage = true;
        await using var pipeline = await CreateAsync(gitlab);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "one"));
        var revision = pipeline.Repo.Commit("one");

        await pipeline.SyncAsync();

        var status = await pipeline.StatusAsync();
        Assert.Equal((revision, SyncResult.Succeeded), (status.AppliedRevision, status.LastResult));
        Assert.NotEmpty(gitlab.Requests);
        Assert.Contains(pipeline.Logs.Lines, l => l.Contains("not posted: GitLab answered 503", StringComparison.Ordinal));
        Assert.DoesNotContain(pipeline.Logs.Lines, l => l.Contains(ApiToken, StringComparison.Ordinal));
    }

    private async Task<TestPipeline> CreateAsync(GitLabApiStandIn gitlab)
    {
        var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { [ApiTokenSetting] = ApiToken });
        await pipeline.RegisterAppsAsync(
            new SourceDefinition("config", pipeline.Repo.Path) { GitLab = new GitLabProject("platform/config", gitlab.ApiUrl, ApiTokenSetting) },
            kubeconfigFile: null,
            new AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace });
        return pipeline;
    }
}
