using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Server-side apply on lists and between appliers: keyed items merge, atomic lists replace, ownership moves on force.</summary>
public sealed class ServerSideApplyListTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task Apply_EnvItemDropped_RemovesOnlyThatItem()
    {
        var ns = await emulator.CreateNamespaceAsync("ssal");
        await ApplyAsync(ns, "gitops", Env(("A", "1"), ("B", "2")));

        var live = await ApplyAsync(ns, "gitops", Env(("A", "1")));

        Assert.Equal(["A"], Assert.Single(live.Spec.Template.Spec.Containers).Env.Select(e => e.Name));
    }

    [Fact]
    public async Task Apply_TwoAppliersOnOneContainer_KeepBothManagersFields()
    {
        var ns = await emulator.CreateNamespaceAsync("ssal");
        await ApplyAsync(ns, "gitops", Env(("A", "1")));

        var sidecarInjector = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"main","env":[{"name":"INJECTED","value":"yes"}]}]}}}}""";
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(sidecarInjector, V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "injector");
        var live = await ApplyAsync(ns, "gitops", Env(("A", "2")));

        var env = Assert.Single(live.Spec.Template.Spec.Containers).Env;
        Assert.Equal(["A", "INJECTED"], env.Select(e => e.Name));
        Assert.Equal("2", env[0].Value);
        var injector = JsonSerializer.Serialize(Assert.Single(live.Metadata.ManagedFields, m => m.Manager == "injector").FieldsV1);
        Assert.Contains("INJECTED", injector);
        Assert.DoesNotContain("f:image", injector);
    }

    [Fact]
    public async Task Apply_ForceOverAnotherApplier_MovesOwnershipOfTheConflictingField()
    {
        var ns = await emulator.CreateNamespaceAsync("ssal");
        await ApplyAsync(ns, "team-a", Env(("A", "1")));

        await KubeAssert.FailsWithStatusAsync(409, () => ApplyAsync(ns, "team-b", Env(("A", "9"))));
        var live = await ApplyAsync(ns, "team-b", Env(("A", "9")), force: true);

        Assert.Equal("9", Assert.Single(Assert.Single(live.Spec.Template.Spec.Containers).Env).Value);
        var teamA = JsonSerializer.Serialize(Assert.Single(live.Metadata.ManagedFields, m => m.Manager == "team-a").FieldsV1);
        Assert.DoesNotContain("f:value", teamA);
        Assert.Contains("f:image", teamA);
    }

    [Fact]
    public async Task Apply_AtomicScalarList_ReplacesTheWholeList()
    {
        var ns = await emulator.CreateNamespaceAsync("ssal");
        var pod = (string[] items) => new V1Patch(
            new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = "p" },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "c",
                        ["image"] = "busybox:1.36",
                        ["args"] = new JsonArray([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]),
                    }),
                },
            }.ToJsonString(),
            V1Patch.PatchType.ApplyPatch);
        await Client.CoreV1.PatchNamespacedPodAsync(pod(["a", "b"]), "p", ns, fieldManager: "gitops");

        var live = await Client.CoreV1.PatchNamespacedPodAsync(pod(["c"]), "p", ns, fieldManager: "gitops");

        Assert.Equal(["c"], Assert.Single(live.Spec.Containers).Args);
        Assert.Contains("\"f:args\":{}", JsonSerializer.Serialize(Assert.Single(live.Metadata.ManagedFields).FieldsV1));
    }

    [Fact]
    public async Task Apply_WithStaleResourceVersion_Returns409()
    {
        var ns = await emulator.CreateNamespaceAsync("ssal");
        await ApplyAsync(ns, "gitops", Env(("A", "1")));
        var deployment = JsonNode.Parse(TestObjects.DeploymentApply("web", ns, 1))!;
        deployment["metadata"]!["resourceVersion"] = "1";

        var status = await KubeAssert.FailsWithStatusAsync(409, () => Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(deployment.ToJsonString(), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "gitops"));

        Assert.StartsWith("Operation cannot be fulfilled on deployments.apps \"web\"", status.GetProperty("message").GetString());
    }

    private async Task<V1Deployment> ApplyAsync(string ns, string manager, JsonArray env, bool force = false)
    {
        var deployment = JsonNode.Parse(TestObjects.DeploymentApply("web", ns, 1))!;
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["env"] = env;
        return await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(deployment.ToJsonString(), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: manager, force: force);
    }

    private static JsonArray Env(params (string Name, string Value)[] variables) =>
        new([.. variables.Select(v => (JsonNode?)new JsonObject { ["name"] = v.Name, ["value"] = v.Value })]);
}
