using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Kinds the client library has never heard of: a CRD makes them appear in discovery and servable; deleting it takes them away.</summary>
public sealed class CustomResourceTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task CreateCrd_NewGroup_AppearsInDiscovery()
    {
        var group = await CreateWidgetCrdAsync();

        var groups = await Client.Apis.GetAPIVersionsAsync();
        var resources = await GetResourceListAsync($"/apis/{group}/v1");
        var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"widgets.{group}");

        var discovered = Assert.Single(groups.Groups, g => g.Name == group);
        Assert.Equal($"{group}/v1", discovered.PreferredVersion.GroupVersion);
        Assert.Equal(["v1", "v1beta1"], discovered.Versions.Select(v => v.Version));
        var widgets = Assert.Single(resources.Resources, r => r.Name == "widgets");
        Assert.Equal("Widget", widgets.Kind);
        Assert.True(widgets.Namespaced);
        Assert.Contains("wd", widgets.ShortNames);
        Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
    }

    [Fact]
    public async Task CustomObject_CreateGetListApplyDelete_WorksThroughCustomObjects()
    {
        var group = await CreateWidgetCrdAsync();
        var ns = await emulator.CreateNamespaceAsync("cr");
        var widget = new JsonObject
        {
            ["apiVersion"] = $"{group}/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = "w1", ["labels"] = new JsonObject { ["size"] = "big" } },
            ["spec"] = new JsonObject { ["size"] = 3, ["colors"] = new JsonArray("red", "blue") },
        };

        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, group, "v1", ns, "widgets");
        var read = (JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync(group, "v1", ns, "widgets", "w1");
        var listed = (JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync(group, "v1", ns, "widgets", labelSelector: "size=big");
        var applied = (JsonElement)await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch($$$"""{"apiVersion":"{{{group}}}/v1","kind":"Widget","metadata":{"name":"w1"},"spec":{"size":5}}""", V1Patch.PatchType.ApplyPatch),
            group, "v1", ns, "widgets", "w1", fieldManager: "gitops", force: true);
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(group, "v1", ns, "widgets", "w1");

        Assert.Equal(3, read.GetProperty("spec").GetProperty("size").GetInt32());
        Assert.Equal(1, read.GetProperty("metadata").GetProperty("generation").GetInt32());
        Assert.Equal("WidgetList", listed.GetProperty("kind").GetString());
        Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(5, applied.GetProperty("spec").GetProperty("size").GetInt32());
        Assert.Equal(2, applied.GetProperty("metadata").GetProperty("generation").GetInt32());
        await KubeAssert.FailsWithStatusAsync(404, () => Client.CustomObjects.GetNamespacedCustomObjectAsync(group, "v1", ns, "widgets", "w1"));
    }

    [Fact]
    public async Task CustomObject_ThroughGenericClientAndSecondVersion_IsTheSameObject()
    {
        var group = await CreateWidgetCrdAsync();
        var ns = await emulator.CreateNamespaceAsync("cr");
        using var v1 = new GenericClient(Client, group, "v1", "widgets", disposeClient: false);
        using var v1beta1 = new GenericClient(Client, group, "v1beta1", "widgets", disposeClient: false);

        await v1.CreateNamespacedAsync(new GenericObject
        {
            ApiVersion = $"{group}/v1",
            Kind = "Widget",
            Metadata = new V1ObjectMeta { Name = "w2" },
            Spec = JsonDocument.Parse("""{"size":1}""").RootElement.Clone(),
        }, ns);
        var viaBeta = await v1beta1.ReadNamespacedAsync<GenericObject>(ns, "w2");

        Assert.Equal($"{group}/v1beta1", viaBeta.ApiVersion);
        Assert.Equal(1, viaBeta.Spec.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task CustomObject_MissingNamespace_Returns404NamespaceNotFound()
    {
        var group = await CreateWidgetCrdAsync();
        var widget = new JsonObject { ["apiVersion"] = $"{group}/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" } };

        var status = await KubeAssert.FailsWithStatusAsync(404, () =>
            Client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, group, "v1", "missing-ns", "widgets"));

        Assert.Equal("namespaces \"missing-ns\" not found", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task DeleteCrd_WithObjects_RemovesDiscoveryAndObjects()
    {
        var group = await CreateWidgetCrdAsync();
        var ns = await emulator.CreateNamespaceAsync("cr");
        var widget = new JsonObject { ["apiVersion"] = $"{group}/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" } };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, group, "v1", ns, "widgets");

        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync($"widgets.{group}");

        Assert.DoesNotContain((await Client.Apis.GetAPIVersionsAsync()).Groups, g => g.Name == group);
        await KubeAssert.FailsWithStatusAsync(404, () => Client.CustomObjects.GetNamespacedCustomObjectAsync(group, "v1", ns, "widgets", "w"));
        await CreateWidgetCrdAsync(group);
        var listed = (JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync(group, "v1", ns, "widgets");
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task CreateCrd_NameNotPluralDotGroup_Returns422()
    {
        var crd = WidgetCrd($"g{Guid.NewGuid():N}"[..12] + ".example.com");
        crd.Metadata.Name = "wrong.example.com";

        var status = await KubeAssert.FailsWithStatusAsync(422, () => Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd));

        Assert.Equal("Invalid", status.GetProperty("reason").GetString());
        Assert.Contains("must be spec.names.plural+\".\"+spec.group", status.GetProperty("message").GetString());
    }

    private async Task<string> CreateWidgetCrdAsync(string? group = null)
    {
        group ??= $"g{Guid.NewGuid():N}"[..12] + ".example.com";
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(WidgetCrd(group));
        return group;
    }

    private static V1CustomResourceDefinition WidgetCrd(string group) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"widgets.{group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = "widgets", Singular = "widget", Kind = "Widget", ShortNames = ["wd"] },
            Versions =
            [
                Version("v1", storage: true),
                Version("v1beta1", storage: false),
            ],
        },
    };

    private static V1CustomResourceDefinitionVersion Version(string name, bool storage) => new()
    {
        Name = name,
        Served = true,
        Storage = storage,
        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
        Subresources = new V1CustomResourceSubresources { Status = new object() },
    };

    private async Task<V1APIResourceList> GetResourceListAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = emulator.Server.BaseAddress };
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return KubernetesJson.Deserialize<V1APIResourceList>(await response.Content.ReadAsStringAsync());
    }
}
