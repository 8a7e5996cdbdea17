using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>The non-apply PATCH types: JSON merge, strategic merge (lists merged by key) and JSON patch.</summary>
public sealed class PatchTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task MergePatch_NullValue_RemovesKeyAndReplacesLists()
    {
        var ns = await emulator.CreateNamespaceAsync("patch");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } }, ns);

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"a":null,"c":"3"}}""", V1Patch.PatchType.MergePatch), "cfg", ns);

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, patched.Data);
    }

    [Fact]
    public async Task StrategicMergePatch_Containers_MergesByNameAndKeepsOthers()
    {
        var ns = await emulator.CreateNamespaceAsync("patch");
        var deployment = TestObjects.Deployment("web", ns);
        deployment.Spec.Template.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "envoy:1.30" });
        await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"nginx:1.28","env":[{"name":"MODE","value":"fast"}]}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "web", ns);

        var containers = patched.Spec.Template.Spec.Containers;
        Assert.Equal(["main", "sidecar"], containers.Select(c => c.Name));
        Assert.Equal("nginx:1.28", containers[0].Image);
        Assert.Equal("MODE", Assert.Single(containers[0].Env).Name);
        Assert.Equal("envoy:1.30", containers[1].Image);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task StrategicMergePatch_DeleteDirective_RemovesListItem()
    {
        var ns = await emulator.CreateNamespaceAsync("patch");
        var deployment = TestObjects.Deployment("web", ns);
        deployment.Spec.Template.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "envoy:1.30" });
        await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "web", ns);

        Assert.Equal("main", Assert.Single(patched.Spec.Template.Spec.Containers).Name);
    }

    [Fact]
    public async Task JsonPatch_AddReplaceRemove_AppliesInOrder()
    {
        var ns = await emulator.CreateNamespaceAsync("patch");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } }, ns);

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(
            """[{"op":"add","path":"/metadata/labels","value":{"x/y":"z"}},{"op":"replace","path":"/data/a","value":"9"},{"op":"remove","path":"/data/b"}]""",
            V1Patch.PatchType.JsonPatch), "cfg", ns);

        Assert.Equal("z", patched.Metadata.Labels["x/y"]);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "9" }, patched.Data);
    }

    [Fact]
    public async Task JsonPatch_FailingTest_Returns422AndChangesNothing()
    {
        var ns = await emulator.CreateNamespaceAsync("patch");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns);

        await KubeAssert.FailsWithStatusAsync(422, () => Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(
            """[{"op":"replace","path":"/data/a","value":"2"},{"op":"test","path":"/data/a","value":"1"}]""",
            V1Patch.PatchType.JsonPatch), "cfg", ns));

        Assert.Equal("1", (await Client.CoreV1.ReadNamespacedConfigMapAsync("cfg", ns)).Data["a"]);
    }

    [Fact]
    public async Task Patch_MissingObject_Returns404()
    {
        var ns = await emulator.CreateNamespaceAsync("patch");

        await KubeAssert.FailsWithStatusAsync(404, () => Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"a":"1"}}""", V1Patch.PatchType.MergePatch), "none", ns));
    }

    [Fact]
    public async Task Patch_WithDryRun_AnswersResultButStoresNothing()
    {
        var ns = await emulator.CreateNamespaceAsync("patch");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns);

        var answered = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"a":"2"}}""", V1Patch.PatchType.MergePatch), "cfg", ns, dryRun: "All");

        Assert.Equal("2", answered.Data["a"]);
        Assert.Equal("1", (await Client.CoreV1.ReadNamespacedConfigMapAsync("cfg", ns)).Data["a"]);
    }

    [Fact]
    public async Task ScaleSubresource_Patch_ChangesReplicasAndConflictsWithTheApplier()
    {
        var ns = await emulator.CreateNamespaceAsync("patch");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(TestObjects.DeploymentApply("web", ns, 2), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "gitops");

        var scale = await Client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("""{"spec":{"replicas":6}}""", V1Patch.PatchType.MergePatch), "web", ns, fieldManager: "kubectl-scale");
        var read = await Client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", ns);

        Assert.Equal(6, scale.Spec.Replicas);
        Assert.Equal("app=web", read.Status.Selector);
        Assert.Equal(6, (await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas);
        var status = await KubeAssert.FailsWithStatusAsync(409, () => Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(TestObjects.DeploymentApply("web", ns, 2), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "gitops"));
        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"kubectl-scale\" with subresource \"scale\" using apps/v1: .spec.replicas",
            status.GetProperty("message").GetString());
    }
}
