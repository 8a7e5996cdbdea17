using GitOps.Core.Http;
using System.Net;
using Azure.Core;
using GitOps.Core.Kubernetes;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;
using KubeEmulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GitOps.IntegrationTests.Clusters;

/// <summary>Each way to reach a cluster, over real TLS to an emulator that demands one bearer token; and retries of transient answers.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ClusterAccessTests
{
    private const string Token = "s3cret-bearer-token-for-tests";

    private readonly PipelineFixture _fixture;

    public ClusterAccessTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task ServerTokenAndCa_FromSettings_SyncEndToEnd()
    {
        await using var cluster = await EmulatorServer.StartAsync(new EmulatorOptions { UseTls = true, RequiredBearerToken = Token });
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { ["DEV_TOKEN"] = Token, ["DEV_CA"] = cluster.CaCertificatePem });
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "over tls"));
        pipeline.Repo.Commit("start");
        await pipeline.Get<RegistryStore>().ApplyAsync(new RegistrySnapshot(
            [new SourceDefinition("config", pipeline.Repo.Path)],
            [new ClusterDefinition("emulator") { Server = cluster.BaseAddress.ToString(), TokenSetting = "DEV_TOKEN", CaSetting = "DEV_CA" }],
            [new AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace }]));

        await pipeline.SyncAsync();

        Assert.StartsWith("https://", cluster.BaseAddress.ToString(), StringComparison.Ordinal);
        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        Assert.NotNull(cluster.Control.GetObject("v1", "ConfigMap", pipeline.Namespace, "settings"));
        Assert.DoesNotContain(pipeline.Logs.Lines, l => l.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongToken_Is401_NamingTheClusterButNeverTheToken()
    {
        await using var cluster = await EmulatorServer.StartAsync(new EmulatorOptions { UseTls = true, RequiredBearerToken = Token });
        var connector = Connector(new() { ["DEV_TOKEN"] = "not-the-token-4711", ["DEV_CA"] = cluster.CaCertificatePem });
        using var client = connector.Connect(new ClusterDefinition("dev") { Server = cluster.BaseAddress.ToString(), TokenSetting = "DEV_TOKEN", CaSetting = "DEV_CA" });

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.ListServedResourcesAsync(default));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("cluster 'dev'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token-4711", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongToken_InASync_IsOneFailedSyncAndAlert_NotAPoisonQueue()
    {
        await using var cluster = await EmulatorServer.StartAsync(new EmulatorOptions { UseTls = true, RequiredBearerToken = Token });
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { ["DEV_TOKEN"] = "expired-token-0815", ["DEV_CA"] = cluster.CaCertificatePem });
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "hello"));
        pipeline.Repo.Commit("start");
        await pipeline.Get<RegistryStore>().ApplyAsync(new RegistrySnapshot(
            [new SourceDefinition("config", pipeline.Repo.Path)],
            [new ClusterDefinition("emulator") { Server = cluster.BaseAddress.ToString(), TokenSetting = "DEV_TOKEN", CaSetting = "DEV_CA" }],
            [new AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace }]));

        await pipeline.SyncAsync();

        var record = Assert.Single(await pipeline.HistoryAsync());
        Assert.Equal((SyncResult.Failed, "Validate"), (record.Result, record.FailedStage));
        Assert.Contains("cluster/emulator: the API server refused the credentials (401 Unauthorized)", record.Message, StringComparison.Ordinal);
        var alert = Assert.Single(await pipeline.Get<GitOps.Core.Alerts.AlertStore>().ListAsync(pipeline.App, default));
        Assert.Equal(GitOps.Core.Alerts.AlertKind.SyncFailed, alert.Kind);
        Assert.Equal(0, (await pipeline.Storage.Queue(GitOps.Core.Storage.StorageNames.ReconcileJobsQueue + GitOps.Core.Storage.StorageNames.PoisonSuffix).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.DoesNotContain("expired-token-0815", record.Message + alert.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(pipeline.Logs.Lines, l => l.Contains("expired-token-0815", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingTokenSetting_FailsNamingTheSetting()
    {
        var connector = Connector(new());

        var error = Assert.Throws<InvalidOperationException>(() => connector.Connect(new ClusterDefinition("dev") { Server = "https://127.0.0.1:1", TokenSetting = "DEV_TOKEN" }));

        Assert.Equal("cluster/dev: the setting 'DEV_TOKEN' that should hold its bearer token is empty or missing.", error.Message);
    }

    [Fact]
    public async Task UnknownCa_FailsTlsVerification_UnlessInsecureSkipTlsVerify()
    {
        await using var cluster = await EmulatorServer.StartAsync(new EmulatorOptions { UseTls = true, RequiredBearerToken = Token });
        await using var other = await EmulatorServer.StartAsync(new EmulatorOptions { UseTls = true });
        var connector = Connector(new() { ["DEV_TOKEN"] = Token, ["OTHER_CA"] = other.CaCertificatePem });
        var definition = new ClusterDefinition("dev") { Server = cluster.BaseAddress.ToString(), TokenSetting = "DEV_TOKEN", CaSetting = "OTHER_CA" };

        using (var verified = connector.Connect(definition))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => verified.ListServedResourcesAsync(default));
        }

        using var unverified = connector.Connect(definition with { InsecureSkipTlsVerify = true });
        Assert.Contains(await unverified.ListServedResourcesAsync(default), r => r.Kind == "ConfigMap");
    }

    [Fact]
    public async Task AzureAuth_AsksTheCredentialOnceForTheAksScope_AndSendsItsToken()
    {
        await using var cluster = await EmulatorServer.StartAsync(new EmulatorOptions { UseTls = true, RequiredBearerToken = "entra-access-token" });
        var credential = new CountingCredential("entra-access-token", DateTimeOffset.UtcNow.AddHours(1));
        var connector = Connector(new() { ["AKS_CA"] = cluster.CaCertificatePem }, credential);
        var definition = new ClusterDefinition("aks") { Server = cluster.BaseAddress.ToString(), AzureAuth = true, CaSetting = "AKS_CA" };

        for (var sync = 0; sync < 3; sync++)
        {
            using var client = connector.Connect(definition);
            Assert.NotEmpty(await client.ListAsync(new ResourceInfo(string.Empty, "v1", "Namespace", "namespaces", false), null, null, default));
        }

        Assert.Equal(1, credential.Calls);
        Assert.Equal(["6dae42f8-4368-4678-94ff-3960e28e3630/.default"], credential.Scopes);
    }

    [Fact]
    public async Task TooManyRequestsStorm_WithRetryAfter_EndsInSuccessWithinOneDelivery()
    {
        // A backoff of a minute: the storm only passes quickly because each 429's Retry-After (0 s) is honoured.
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?>
        {
            ["GitOps:Kubernetes:Retry:BaseDelay"] = "00:01:00",
            ["GitOps:Kubernetes:Retry:MaxDelay"] = "00:02:00",
        });
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "hello"));
        pipeline.Repo.Commit("start");
        await pipeline.RegisterAsync();
        _fixture.Emulator.Control.ResetRequests();
        _fixture.Emulator.Control.InjectFault(new FaultRule { Verb = "apply", Resource = "configmaps", Namespace = pipeline.Namespace, StatusCode = 429, Count = 4, RetryAfterSeconds = 0 });

        await pipeline.SyncAsync();

        var history = await pipeline.HistoryAsync();
        var record = Assert.Single(history);
        Assert.Equal((SyncResult.Succeeded, 2), (record.Result, record.Created));
        Assert.Equal(4 + 2, _fixture.Emulator.Control.Requests.Count(r => r.Resource == "configmaps" && r.PatchType == "apply"));
        Assert.Equal(4, _fixture.Emulator.Control.Requests.Count(r => r.Resource == "configmaps" && r.StatusCode == 429));
        Assert.DoesNotContain("delivery", (await pipeline.StatusAsync()).LastMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerErrorsBeyondTheBound_FailTheCallNamingTheObject()
    {
        var connector = Connector(new() { ["GitOps:Kubernetes:Retry:MaxRetries"] = "2", ["GitOps:Kubernetes:Retry:BaseDelay"] = "00:00:00.001" }, retry: new HttpRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1) });
        var ns = "retry-" + Guid.NewGuid().ToString("N")[..8];
        _fixture.Emulator.Control.InjectFault(new FaultRule { Verb = "apply", Resource = "configmaps", Namespace = ns, StatusCode = 503, Count = 10, RetryAfterSeconds = 0 });
        using var client = connector.Connect(new ClusterDefinition("emulator", KubeconfigFile: _fixture.Kubeconfig));
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "x", ["namespace"] = ns },
        };

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.ApplyAsync(new ResourceInfo(string.Empty, "v1", "ConfigMap", "configmaps", true), body, "test", false, false, default));

        Assert.StartsWith($"ConfigMap/{ns}/x: apply failed on cluster 'emulator': 503", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _fixture.Emulator.Control.CountRequests("apply", "configmaps", ns));
        _fixture.Emulator.Control.ClearFaults();
    }

    [Fact]
    public async Task EmojiInAnAnnotation_IsAppliedAsUtf8_AndReadBackEqual()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: party
              annotations:
                mood: "ship it 🚀🎉"
            data:
              greeting: "héllo 👋"
            """);
        pipeline.Repo.Commit("emoji");
        await pipeline.RegisterAsync();

        await pipeline.SyncAsync();

        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        using var kube = pipeline.Kube();
        var live = await k8s.CoreV1OperationsExtensions.ReadNamespacedConfigMapAsync(kube.CoreV1, "party", pipeline.Namespace);
        Assert.Equal("ship it 🚀🎉", live.Metadata.Annotations["mood"]);
        Assert.Equal("héllo 👋", live.Data["greeting"]);
    }

    private static ClusterConnector Connector(Dictionary<string, string?> settings, TokenCredential? credential = null, HttpRetryOptions? retry = null)
        => new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), NullLoggerFactory.Instance, TimeProvider.System,
            Options.Create(retry ?? new HttpRetryOptions()), credential ?? new CountingCredential("unused", DateTimeOffset.UtcNow));

    private sealed class CountingCredential(string token, DateTimeOffset expires) : TokenCredential
    {
        public int Calls { get; private set; }

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Calls++;
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken(token, expires);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
