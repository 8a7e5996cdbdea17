using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Cli.Local;
using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using GitOps.IntegrationTests.Infrastructure;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Webhooks;

/// <summary>
/// Real-shaped GitLab deliveries through the local runtime's HTTP endpoint (the same handler as the
/// function): what is queued is checked in Azurite, what is applied in the emulator.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class GitLabWebhookTests
{
    private const string TokenSetting = "GITLAB_WEBHOOK_TOKEN";
    private const string Token = "hook-secret-7d1c";
    private const string ProjectPath = "platform/config";

    private readonly PipelineFixture _fixture;

    public GitLabWebhookTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task PushTouchingTwoOfThreeApps_QueuesTheSource_AndSyncsExactlyThoseTwo()
    {
        await using var hook = await Hook.StartAsync(_fixture);
        var before = await hook.SyncThreeAppsAsync();
        hook.Pipeline.Repo.Write("apps/a/config.yaml", Manifests.ConfigMap("a", "two"));
        hook.Pipeline.Repo.Write("apps/b/config.yaml", Manifests.ConfigMap("b", "two"));
        var after = hook.Pipeline.Repo.Commit("change a and b");

        var response = await hook.PostAsync(GitLabPayloads.Push(hook.Project, "refs/heads/main", before, after, [after]));

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        Assert.Equal("queued: source config", response.Body);
        var change = Assert.Single(await hook.SourceChangesAsync());
        Assert.Equal(("config", SourceChange.WebhookTrigger), (change.Source, change.Trigger));

        await hook.Pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);
        Assert.Equal(after, (await hook.Pipeline.StatusAsync(hook.App("a"))).AppliedRevision);
        Assert.Equal(after, (await hook.Pipeline.StatusAsync(hook.App("b"))).AppliedRevision);
        Assert.Equal(before, (await hook.Pipeline.StatusAsync(hook.App("c"))).AppliedRevision);
        Assert.Single(await hook.Pipeline.HistoryAsync(hook.App("c")));
        using var kube = hook.Pipeline.Kube();
        Assert.Equal("two", (await kube.CoreV1.ReadNamespacedConfigMapAsync("b", hook.Pipeline.Namespace)).Data["greeting"]);
    }

    [Fact]
    public async Task DocsOnlyPush_IsAcceptedButPlansNoJob()
    {
        await using var hook = await Hook.StartAsync(_fixture);
        var before = await hook.SyncThreeAppsAsync();
        hook.Pipeline.Repo.Write("README.md", "# How we deploy\n");
        var after = hook.Pipeline.Repo.Commit("docs");

        Assert.Equal(HttpStatusCode.Accepted, (await hook.PostAsync(GitLabPayloads.Push(hook.Project, "refs/heads/main", before, after, [after]))).Status);
        var check = await hook.Pipeline.Runtime.CheckSourceAsync("config", default);

        Assert.Equal((after, 0), (check.Head, check.JobsEnqueued));
        await hook.Pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);
        foreach (var app in new[] { "a", "b", "c" })
        {
            Assert.Single(await hook.Pipeline.HistoryAsync(hook.App(app)));
        }
    }

    [Fact]
    public async Task PushListingTwentyOfTwentyFiveCommits_PlansFromGitNotFromTheList()
    {
        await using var hook = await Hook.StartAsync(_fixture);
        var before = await hook.SyncThreeAppsAsync();
        var commits = new List<string>();
        hook.Pipeline.Repo.Write("apps/c/config.yaml", Manifests.ConfigMap("c", "first of 25"));
        commits.Add(hook.Pipeline.Repo.Commit("the one that touches c"));
        for (var i = 1; i < 25; i++)
        {
            hook.Pipeline.Repo.Write("docs/changelog.md", $"entry {i}\n");
            commits.Add(hook.Pipeline.Repo.Commit($"docs {i}"));
        }

        var payload = GitLabPayloads.Push(hook.Project, "refs/heads/main", before, commits[^1], commits, total: 25);
        Assert.Equal(20, payload["commits"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Accepted, (await hook.PostAsync(payload)).Status);
        await hook.Pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);

        Assert.Equal(commits[^1], (await hook.Pipeline.StatusAsync(hook.App("c"))).AppliedRevision);
        Assert.Equal(before, (await hook.Pipeline.StatusAsync(hook.App("a"))).AppliedRevision);
    }

    [Fact]
    public async Task TestPushFromTheSettingsPage_IsAPushLikeAnyOther()
    {
        await using var hook = await Hook.StartAsync(_fixture);
        var head = await hook.SyncThreeAppsAsync();

        // Settings -> Webhooks -> Test -> Push events: the latest commits of the default branch, before = the previous commit.
        var response = await hook.PostAsync(GitLabPayloads.Push(hook.Project, "refs/heads/main", head, head, [head]), uuid: Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        Assert.Single(await hook.SourceChangesAsync());
        var check = await hook.Pipeline.Runtime.CheckSourceAsync("config", default);
        Assert.Equal(0, check.JobsEnqueued);
    }

    [Fact]
    public async Task SameDeliveryTwice_QueuesOnce()
    {
        await using var hook = await Hook.StartAsync(_fixture);
        var head = hook.Pipeline.Repo.Commit("start");
        var payload = GitLabPayloads.Push(hook.Project, "refs/heads/main", GitLabPayloads.ZeroCommit, head, [head]);
        var uuid = Guid.NewGuid().ToString();

        var first = await hook.PostAsync(payload, uuid: uuid);
        var replay = await hook.PostAsync(payload, uuid: uuid);
        var keyed = await hook.PostAsync(payload, uuid: Guid.NewGuid().ToString(), idempotencyKey: "retry-of-" + uuid);
        var keyedAgain = await hook.PostAsync(payload, uuid: Guid.NewGuid().ToString(), idempotencyKey: "retry-of-" + uuid);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.OK], [first.Status, replay.Status, keyed.Status, keyedAgain.Status]);
        Assert.Equal($"already queued: delivery {uuid}", replay.Body);
        Assert.Equal(2, (await hook.SourceChangesAsync()).Count);
    }

    public static TheoryData<string, string> Ignored => new()
    {
        { "branch-deleted", "ignored: branch main was deleted" },
        { "tag", "ignored: tag pushes are not tracked" },
        { "merge-request", "ignored: merge_request events plan nothing" },
        { "untracked-branch", "ignored: branch feature/x is not tracked (tracked: main)" },
        { "unknown-project", "ignored: project someone/else is not a registered source" },
    };

    [Theory]
    [MemberData(nameof(Ignored))]
    public async Task DeliveryThatPlansNothing_Is2xxAndQueuesNothing(string delivery, string reason)
    {
        await using var hook = await Hook.StartAsync(_fixture);
        var head = hook.Pipeline.Repo.Commit("start");
        var (payload, eventName) = delivery switch
        {
            "branch-deleted" => (GitLabPayloads.Push(hook.Project, "refs/heads/main", head, GitLabPayloads.ZeroCommit, []), "Push Hook"),
            "tag" => (GitLabPayloads.Push(hook.Project, "refs/tags/v1.0.0", GitLabPayloads.ZeroCommit, head, []), "Tag Push Hook"),
            "merge-request" => (GitLabPayloads.MergeRequest(hook.Project), "Merge Request Hook"),
            "untracked-branch" => (GitLabPayloads.Push(hook.Project, "refs/heads/feature/x", head, head, [head]), "Push Hook"),
            _ => (GitLabPayloads.Push(GitLabPayloads.Project("someone/else", "https://gitlab.example.com/someone/else.git", id: 77), "refs/heads/main", head, head, [head]), "Push Hook"),
        };

        var response = await hook.PostAsync(payload, eventName);

        Assert.Equal((HttpStatusCode.OK, reason), (response.Status, response.Body));
        Assert.Empty(await hook.SourceChangesAsync());
        Assert.Null(await hook.Pipeline.Get<GitOps.Core.Sources.SourceHeadStore>().GetAsync("config", default));
    }

    public static TheoryData<string, int, string> BadInput => new()
    {
        { "malformed", 400, "malformed JSON: " },
        { "array", 400, "expected a JSON object, found an array" },
        { "ref-number", 400, "field 'ref' must be a string, found a number" },
        { "project-string", 400, "field 'project' must be an object, found a string" },
        { "after-not-sha", 400, "field 'after' must be a commit id (40 or 64 hex digits), found 'HEAD'" },
        { "no-kind", 400, "field 'object_kind' is missing" },
        { "header-disagrees", 400, "X-Gitlab-Event 'Merge Request Hook' does not match object_kind 'push'" },
        { "too-large", 413, "the body is larger than the 1048576 bytes allowed" },
        { "too-large-chunked", 413, "the body is larger than the 1048576 bytes allowed" },
        { "form", 415, "Content-Type must be application/json, not application/x-www-form-urlencoded" },
        { "no-token", 401, "unauthorized" },
        { "wrong-token", 401, "unauthorized" },
        { "other-sources-token", 401, "unauthorized" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInput_IsA4xxWithAOneLineReason_AndQueuesNothing(string input, int status, string message)
    {
        await using var hook = await Hook.StartAsync(_fixture);
        var head = hook.Pipeline.Repo.Commit("start");
        var push = GitLabPayloads.Push(hook.Project, "refs/heads/main", GitLabPayloads.ZeroCommit, head, [head]);
        HttpContent content = input switch
        {
            "malformed" => Json("{\"object_kind\": \"push\", "),
            "array" => Json("[" + push.ToJsonString() + "]"),
            "ref-number" => Json(With(push, "ref", 5)),
            "project-string" => Json(With(push, "project", "platform/config")),
            "after-not-sha" => Json(With(push, "after", "HEAD")),
            "no-kind" => Json(Without(push, "object_kind")),
            "too-large" => Json(With(push, "padding", new string('x', 1024 * 1024))),
            "too-large-chunked" => new ChunkedJson(Encoding.UTF8.GetBytes(With(push, "padding", new string('x', 2 * 1024 * 1024)))),
            "form" => new FormUrlEncodedContent([new("payload", push.ToJsonString())]),
            _ => Json(push.ToJsonString()),
        };
        var token = input switch { "no-token" => null, "wrong-token" => "guess", "other-sources-token" => "other-secret", _ => Token };

        var response = await hook.SendAsync(content, input == "header-disagrees" ? "Merge Request Hook" : "Push Hook", token);

        Assert.Equal(status, (int)response.Status);
        Assert.StartsWith(message, response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', response.Body);
        Assert.Empty(await hook.SourceChangesAsync());
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string With(JsonObject payload, string field, JsonNode? value)
    {
        var copy = payload.DeepClone().AsObject();
        copy[field] = value;
        return copy.ToJsonString();
    }

    private static string Without(JsonObject payload, string field)
    {
        var copy = payload.DeepClone().AsObject();
        copy.Remove(field);
        return copy.ToJsonString();
    }

    /// <summary>A body sent without Content-Length (chunked), so the size limit must hold while reading.</summary>
    private sealed class ChunkedJson : StreamContent
    {
        public ChunkedJson(byte[] body)
            : base(new MemoryStream(body))
        {
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A pipeline with three apps of source <c>config</c> (GitLab project <c>platform/config</c>) and the HTTP endpoint.</summary>
    private sealed class Hook : IAsyncDisposable
    {
        private readonly LocalHttpServer _server;
        private readonly HttpClient _client;

        private Hook(TestPipeline pipeline, LocalHttpServer server)
        {
            Pipeline = pipeline;
            _server = server;
            _client = new HttpClient { BaseAddress = server.BaseAddress };
        }

        public TestPipeline Pipeline { get; }

        public JsonObject Project => GitLabPayloads.Project(ProjectPath, "https://gitlab.example.com/platform/config.git");

        public static async Task<Hook> StartAsync(PipelineFixture fixture)
        {
            var pipeline = await TestPipeline.CreateAsync(fixture, new Dictionary<string, string?> { [TokenSetting] = Token, ["OTHER_WEBHOOK_TOKEN"] = "other-secret" });
            var hook = new Hook(pipeline, await pipeline.Runtime.StartHttpAsync(0, default));
            await pipeline.Get<RegistryStore>().ApplyAsync(new RegistrySnapshot(
                [
                    new SourceDefinition("config", pipeline.Repo.Path) { WebhookTokenSetting = TokenSetting, GitLab = new GitLabProject(ProjectPath, null, null) },
                    new SourceDefinition("other", pipeline.Repo.Path, "other") { WebhookTokenSetting = "OTHER_WEBHOOK_TOKEN", GitLab = new GitLabProject("other/repo", null, null) },
                ],
                [new ClusterDefinition("emulator", KubeconfigFile: fixture.Kubeconfig)],
                new[] { "a", "b", "c" }.Select(a => new AppDefinition { Name = hook.App(a), Source = "config", Path = $"apps/{a}", Clusters = ["emulator"], Namespace = pipeline.Namespace }).ToList()));
            return hook;
        }

        public string App(string name) => $"{Pipeline.Id}-{name}";

        /// <summary>Commits the three apps and syncs them by a poll; returns the commit.</summary>
        public async Task<string> SyncThreeAppsAsync()
        {
            using (var kube = Pipeline.Kube())
            {
                await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Pipeline.Namespace } });
            }

            foreach (var app in new[] { "a", "b", "c" })
            {
                Pipeline.Repo.Write($"apps/{app}/config.yaml", Manifests.ConfigMap(app, "one"));
            }

            var head = Pipeline.Repo.Commit("three apps");
            await Pipeline.SyncAsync();
            foreach (var app in new[] { "a", "b", "c" })
            {
                Assert.Equal(SyncResult.Succeeded, (await Pipeline.StatusAsync(App(app))).LastResult);
            }

            return head;
        }

        public Task<(HttpStatusCode Status, string Body)> PostAsync(JsonObject payload, string eventName = "Push Hook", string? uuid = null, string? idempotencyKey = null)
            => SendAsync(Json(payload.ToJsonString()), eventName, Token, uuid, idempotencyKey);

        public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpContent content, string eventName, string? token, string? uuid = null, string? idempotencyKey = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/gitlab") { Content = content };
            request.Headers.Add("X-Gitlab-Event", eventName);
            request.Headers.Add("X-Gitlab-Instance", "https://gitlab.example.com");
            request.Headers.Add("X-Gitlab-Webhook-UUID", "1b2ac4e5-0000-4000-8000-00000000beef");
            request.Headers.Add("X-Gitlab-Event-UUID", uuid ?? Guid.NewGuid().ToString());
            request.Headers.UserAgent.ParseAdd("GitLab/18.6.0");
            if (token is not null)
            {
                request.Headers.Add("X-Gitlab-Token", token);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            using var response = await _client.SendAsync(request);
            return (response.StatusCode, (await response.Content.ReadAsStringAsync()).TrimEnd('\n'));
        }

        /// <summary>The messages waiting on <c>source-changes</c> (peeked, left in place).</summary>
        public async Task<IReadOnlyList<SourceChange>> SourceChangesAsync()
        {
            var peeked = await Pipeline.Storage.Queue(StorageNames.SourceChangesQueue).PeekMessagesAsync(32);
            return peeked.Value.Select(m => MessageSerializer.Deserialize<SourceChange>(m.Body.ToString())).ToList();
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _server.DisposeAsync();
            await Pipeline.DisposeAsync();
        }
    }
}
