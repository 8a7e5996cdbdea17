using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.IntegrationTests.Infrastructure;
using k8s;

namespace GitOps.IntegrationTests.Operations;

/// <summary>The management API through the local runtime's HTTP endpoint (the same handlers as the functions).</summary>
[Collection(PipelineCollection.Name)]
public sealed class ManagementApiTests
{
    private readonly PipelineFixture _fixture;

    public ManagementApiTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task RollbackThroughTheApi_AppliesTheOlderRevision_AndTheReadRoutesShowIt()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        await using var server = await pipeline.Runtime.StartHttpAsync(0, default);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 1));
        var one = pipeline.Repo.Commit("one");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 3));
        pipeline.Repo.Commit("three");
        await pipeline.SyncAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/apps/{pipeline.App}/rollback")
        {
            Content = new StringContent($$"""{"revision":"{{one[..10]}}","reason":"release broke checkout"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Gitops-Actor", "carol");
        using var response = await http.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal((pipeline.App, "emulator", "rollback", one), ((string?)answer["app"], (string?)answer["clusters"]![0], (string?)answer["jobs"]![0]!["reason"], (string?)answer["jobs"]![0]!["revision"]));
        await pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(2), default);

        using (var kube = pipeline.Kube())
        {
            Assert.Equal(1, (await kube.AppsV1.ReadNamespacedDeploymentAsync("web", pipeline.Namespace)).Spec.Replicas);
        }

        var apps = JsonNode.Parse(await http.GetStringAsync("api/apps"))!.AsArray();
        var app = Assert.Single(apps, a => (string?)a!["app"] == pipeline.App)!;
        Assert.Equal((one, one, "Succeeded"), ((string?)app["appliedRevision"], (string?)app["pinnedRevision"], (string?)app["syncResult"]));
        Assert.StartsWith("carol (local API) at ", (string?)app["pinnedBy"], StringComparison.Ordinal);
        var single = JsonNode.Parse(await http.GetStringAsync($"api/apps/{pipeline.App}"))!;
        Assert.Equal(one, (string?)single["clusters"]![0]!["pinnedRevision"]);
        var history = JsonNode.Parse(await http.GetStringAsync($"api/apps/{pipeline.App}/history?cluster=emulator&top=2"))!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal(("rollback", "Succeeded"), ((string?)history[0]!["reason"], (string?)history[0]!["result"]));
        Assert.Contains("release broke checkout", (string?)history[0]!["requestedBy"], StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(await http.GetStringAsync("api/alerts?state=open"))!.AsArray());
    }

    public static TheoryData<string, string, string?, int, string> Refused => new()
    {
        { "GET", "api/apps/nope", null, 404, "app/nope is not registered" },
        { "GET", "api/apps/{app}/history?cluster=mars", null, 404, "app/{app} is not applied to cluster/mars" },
        { "GET", "api/apps/{app}/history?top=zero", null, 400, "top: 'zero' is not a number from 1 to 1000" },
        { "GET", "api/alerts?state=maybe", null, 400, "state: 'maybe' is not open, resolved or all" },
        { "POST", "api/apps/nope/sync", "{}", 404, "app/nope is not registered" },
        { "POST", "api/apps/{app}/sync", """{"cluster":"mars"}""", 404, "app/{app} is not applied to cluster/mars (its clusters: emulator)" },
        { "POST", "api/apps/{app}/sync", """{"cluster":7}""", 400, "cluster: must be a string" },
        { "POST", "api/apps/{app}/rollback", "{}", 400, "revision: required: the commit to roll back to (full or abbreviated id)" },
        { "POST", "api/apps/{app}/rollback", """{"revision":"abc123","any":"yes"}""", 400, "any: must be true or false" },
        { "POST", "api/apps/{app}/sync", "[1]", 400, "the body must be a JSON object" },
        { "POST", "api/apps/{app}/sync", "{\"cluster\":", 400, "malformed JSON: " },
        { "POST", "api/apps/{app}/explode", "{}", 404, "no action 'explode': use sync, rollback, unpin, suspend, resume" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task BadRequest_IsA4xxWithAJsonErrorNamingTheField(string method, string path, string? body, int status, string error)
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        await using var server = await pipeline.Runtime.StartHttpAsync(0, default);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Commit("start");
        await pipeline.RegisterAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{app}", pipeline.App, StringComparison.Ordinal));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.StartsWith(error.Replace("{app}", pipeline.App, StringComparison.Ordinal), (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"], StringComparison.Ordinal);
        Assert.Empty((await pipeline.Storage.Queue(Core.Storage.StorageNames.ReconcileJobsQueue).PeekMessagesAsync(1)).Value);
    }
}
