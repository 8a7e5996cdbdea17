using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEmulator;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>
/// A CRD that establishes late, as on a real server still installing it: until the delay has passed on the
/// injected clock its kind is missing from discovery and its objects answer 404; afterwards both are served.
/// </summary>
public sealed class CrdEstablishDelayTests : IAsyncLifetime
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private EmulatorServer _server = null!;
    private IKubernetes _client = null!;
    private HttpClient _http = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeProvider = _time, CrdEstablishDelay = Delay });
        _directory = Directory.CreateTempSubdirectory("kube-emulator-crd-delay-").FullName;
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.WriteKubeconfig(Path.Combine(_directory, "config"))));
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "crd-delay" } });
    }

    [Fact]
    public async Task CreateCrd_BeforeDelay_NamesAcceptedButNotEstablished()
    {
        var group = NewGroup();

        var created = await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crd(group, "widgets", "Widget"));
        _time.Advance(Delay - TimeSpan.FromSeconds(1));
        var read = await _client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"widgets.{group}");

        foreach (var crd in new[] { created, read })
        {
            Assert.Contains(crd.Status.Conditions, c => c is { Type: "NamesAccepted", Status: "True" });
            Assert.Contains(crd.Status.Conditions, c => c is { Type: "Established", Status: "False", Reason: "Installing" });
        }
    }

    [Fact]
    public async Task CreateCrd_BeforeDelay_KindMissingFromDiscoveryAndObjectsAnswer404()
    {
        var group = NewGroup();
        await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crd(group, "widgets", "Widget"));

        using var groupVersion = await _http.GetAsync($"/apis/{group}/v1");
        var groups = await _client.Apis.GetAPIVersionsAsync();
        var create = await KubeAssert.FailsWithStatusAsync(404, () =>
            _client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget(group, "w1"), group, "v1", "crd-delay", "widgets"));
        await KubeAssert.FailsWithStatusAsync(404, () => _client.CustomObjects.ListNamespacedCustomObjectAsync(group, "v1", "crd-delay", "widgets"));

        Assert.Equal(HttpStatusCode.NotFound, groupVersion.StatusCode);
        Assert.DoesNotContain(groups.Groups, g => g.Name == group);
        Assert.Equal("NotFound", create.GetProperty("reason").GetString());
        Assert.Equal("the server could not find the requested resource", create.GetProperty("message").GetString());
    }

    [Fact]
    public async Task CreateCrd_GroupVersionServingOtherKinds_ListsOnlyTheEstablishedOne()
    {
        var group = NewGroup();
        _server.Control.EstablishCrdsAfter(TimeSpan.Zero);
        await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crd(group, "gadgets", "Gadget"));
        _server.Control.EstablishCrdsAfter(Delay);
        await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crd(group, "widgets", "Widget"));

        var resources = await GetResourceListAsync($"/apis/{group}/v1");

        Assert.Equal(["gadgets", "gadgets/status"], resources.Resources.Select(r => r.Name));
    }

    [Fact]
    public async Task CreateCrd_AfterAdvancingClockPastDelay_EstablishedAndServed()
    {
        var group = NewGroup();
        var created = await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crd(group, "widgets", "Widget"));

        _time.Advance(Delay);
        var resources = await GetResourceListAsync($"/apis/{group}/v1");
        var crd = await _client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"widgets.{group}");
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget(group, "w1"), group, "v1", "crd-delay", "widgets");
        var listed = (JsonElement)await _client.CustomObjects.ListNamespacedCustomObjectAsync(group, "v1", "crd-delay", "widgets");

        Assert.Contains(resources.Resources, r => r is { Name: "widgets", Kind: "Widget" });
        Assert.Contains(crd.Status.Conditions, c => c is { Type: "Established", Status: "True", Reason: "InitialNamesAccepted" });
        Assert.Contains(crd.Status.Conditions, c => c is { Type: "NamesAccepted", Status: "True" });
        Assert.NotEqual(created.Metadata.ResourceVersion, crd.Metadata.ResourceVersion);
        Assert.Equal("w1", Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ApplyCrdAgain_WhileWaiting_StaysNotEstablishedUntilTheFirstDelayEnds()
    {
        var group = NewGroup();
        await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crd(group, "widgets", "Widget"));
        _time.Advance(Delay / 2);

        var body = KubernetesJson.Serialize(Crd(group, "widgets", "Widget"));
        var reapplied = await _client.ApiextensionsV1.PatchCustomResourceDefinitionAsync(
            new V1Patch(body, V1Patch.PatchType.ApplyPatch), $"widgets.{group}", fieldManager: "gitops", force: true);
        _time.Advance(Delay / 2);
        var later = await _client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"widgets.{group}");

        Assert.Contains(reapplied.Status.Conditions, c => c is { Type: "Established", Status: "False" });
        Assert.Contains(later.Status.Conditions, c => c is { Type: "Established", Status: "True" });
    }

    [Fact]
    public void EstablishCrdsAfter_NegativeDelay_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _server.Control.EstablishCrdsAfter(TimeSpan.FromSeconds(-1)));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static string NewGroup() => $"g{Guid.NewGuid():N}"[..12] + ".example.com";

    private static JsonObject Widget(string group, string name) => new()
    {
        ["apiVersion"] = $"{group}/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["size"] = 1 },
    };

    private static V1CustomResourceDefinition Crd(string group, string plural, string kind) => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = $"{plural}.{group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = plural, Singular = kind.ToLowerInvariant(), Kind = kind },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                },
            ],
        },
    };

    private async Task<V1APIResourceList> GetResourceListAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return KubernetesJson.Deserialize<V1APIResourceList>(await response.Content.ReadAsStringAsync());
    }
}
