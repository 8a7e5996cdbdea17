using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Server-side apply through KubernetesClient: creation, managedFields, no-op, conflicts, force, dry-run and field removal.</summary>
public sealed class ServerSideApplyTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Manager = "gitops-functions";

    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task Apply_MissingObject_CreatesItWith201AndApplyManagedFields()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");

        using var response = await Client.AppsV1.PatchNamespacedDeploymentWithHttpMessagesAsync(
            Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager);

        Assert.Equal(HttpStatusCode.Created, response.Response.StatusCode);
        var live = response.Body;
        Assert.Equal(2, live.Spec.Replicas);
        var entry = Assert.Single(live.Metadata.ManagedFields);
        Assert.Equal(Manager, entry.Manager);
        Assert.Equal("Apply", entry.Operation);
        Assert.Equal("apps/v1", entry.ApiVersion);
        Assert.Equal("FieldsV1", entry.FieldsType);
        Assert.NotNull(entry.Time);
        var fields = JsonSerializer.Serialize(entry.FieldsV1);
        Assert.Contains("\"f:replicas\":{}", fields);
        Assert.Contains("\"k:{\\u0022name\\u0022:\\u0022main\\u0022}\":{\".\":{}", fields.Replace("\\\"", "\\u0022"));
        Assert.Contains("k:{\\u0022containerPort\\u0022:8080,\\u0022protocol\\u0022:\\u0022TCP\\u0022}", fields.Replace("\\\"", "\\u0022"));
        Assert.DoesNotContain("f:progressDeadlineSeconds", fields);
    }

    [Fact]
    public async Task Apply_SameConfigurationTwice_KeepsResourceVersionAndGeneration()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        var first = await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager);

        using var again = await Client.AppsV1.PatchNamespacedDeploymentWithHttpMessagesAsync(
            Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager);

        Assert.Equal(HttpStatusCode.OK, again.Response.StatusCode);
        Assert.Equal(first.Metadata.ResourceVersion, again.Body.Metadata.ResourceVersion);
        Assert.Equal(1, again.Body.Metadata.Generation);
    }

    [Fact]
    public async Task Apply_ChangedSpec_BumpsGenerationAndResourceVersion()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        var first = await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager);

        var second = await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 2, "nginx:1.28")), "web", ns, fieldManager: Manager);

        Assert.Equal(2, second.Metadata.Generation);
        Assert.NotEqual(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.True(long.Parse(second.Metadata.ResourceVersion) > long.Parse(first.Metadata.ResourceVersion));
        Assert.Equal("nginx:1.28", Assert.Single(second.Spec.Template.Spec.Containers).Image);
        Assert.Equal(8080, Assert.Single(Assert.Single(second.Spec.Template.Spec.Containers).Ports).ContainerPort);
    }

    [Fact]
    public async Task Apply_FieldChangedByAnotherManager_Returns409ListingFieldAndManager()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager);
        await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "web", ns, fieldManager: "kubectl-edit");

        var status = await KubeAssert.FailsWithStatusAsync(409, () =>
            Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager));

        Assert.Equal("Conflict", status.GetProperty("reason").GetString());
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas", status.GetProperty("message").GetString());
        var cause = Assert.Single(status.GetProperty("details").GetProperty("causes").EnumerateArray());
        Assert.Equal("FieldManagerConflict", cause.GetProperty("reason").GetString());
        Assert.Equal(".spec.replicas", cause.GetProperty("field").GetString());
        Assert.Equal(5, (await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas);
    }

    [Fact]
    public async Task Apply_TwoFieldsChangedByAnotherManager_ListsBothConflictsLikeTheRealServer()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager);
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"main","image":"nginx:hotfix"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "web", ns, fieldManager: "kubectl-edit");

        var status = await KubeAssert.FailsWithStatusAsync(409, () =>
            Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager));

        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"kubectl-edit\" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name=\"main\"].image",
            status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Apply_ConflictWithForce_TakesOwnershipFromTheOtherManager()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager);
        await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "web", ns, fieldManager: "kubectl-edit");

        var live = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager, force: true);

        Assert.Equal(2, live.Spec.Replicas);
        Assert.DoesNotContain(live.Metadata.ManagedFields, m => m.Manager == "kubectl-edit");
        Assert.Contains("f:replicas", JsonSerializer.Serialize(Assert.Single(live.Metadata.ManagedFields, m => m.Manager == Manager).FieldsV1));
    }

    [Fact]
    public async Task Apply_SameValueAsAnotherManager_SharesOwnershipWithoutConflict()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager);
        await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "web", ns, fieldManager: "hpa");

        var live = await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 3)), "web", ns, fieldManager: Manager);

        Assert.Equal(3, live.Spec.Replicas);
        Assert.Contains("f:replicas", JsonSerializer.Serialize(Assert.Single(live.Metadata.ManagedFields, m => m.Manager == "hpa").FieldsV1));
        Assert.Contains("f:replicas", JsonSerializer.Serialize(Assert.Single(live.Metadata.ManagedFields, m => m.Manager == Manager).FieldsV1));
    }

    [Fact]
    public async Task Apply_DryRunOnMissingObject_AnswersObjectButStoresNothing()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");

        var answered = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            Apply(TestObjects.DeploymentApply("web", ns, 4)), "web", ns, fieldManager: Manager, dryRun: "All");

        Assert.Equal(4, answered.Spec.Replicas);
        Assert.Equal("RollingUpdate", answered.Spec.Strategy.Type);
        await KubeAssert.FailsWithStatusAsync(404, () => Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns));
    }

    [Fact]
    public async Task Apply_DryRunOnExistingObject_LeavesLiveObjectUnchanged()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        var before = await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager);

        var answered = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            Apply(TestObjects.DeploymentApply("web", ns, 7)), "web", ns, fieldManager: Manager, dryRun: "All");

        var after = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        Assert.Equal(7, answered.Spec.Replicas);
        Assert.Equal(2, after.Spec.Replicas);
        Assert.Equal(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Apply_FieldNoLongerApplied_IsRemovedUnlessAnotherManagerOwnsIt()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(
            Apply(TestObjects.DeploymentApply("web", ns, 2, extraLabels: new Dictionary<string, string> { ["team"] = "shop", ["tier"] = "web" })), "web", ns, fieldManager: Manager);
        await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"labels":{"tier":"frontend"}}}""", V1Patch.PatchType.MergePatch), "web", ns, fieldManager: "kubectl-label");

        var live = await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 2)), "web", ns, fieldManager: Manager);

        Assert.False(live.Metadata.Labels.ContainsKey("team"));
        Assert.Equal("frontend", live.Metadata.Labels["tier"]);
        Assert.Equal("web", live.Metadata.Labels["app"]);
    }

    [Fact]
    public async Task Apply_ContainerNoLongerApplied_IsRemovedFromTheList()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        var twoContainers = TestObjects.DeploymentApply("web", ns, 1, sidecar: true);
        await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(twoContainers), "web", ns, fieldManager: Manager);

        var live = await Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 1)), "web", ns, fieldManager: Manager);

        Assert.Equal("main", Assert.Single(live.Spec.Template.Spec.Containers).Name);
    }

    [Fact]
    public async Task Update_ByReplace_RecordsAnUpdateManagerForChangedFields()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(
            Apply($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"{{{ns}}}"},"data":{"a":"1"}}"""), "cfg", ns, fieldManager: Manager);
        var live = await Client.CoreV1.ReadNamespacedConfigMapAsync("cfg", ns);
        live.Data["b"] = "2";

        var replaced = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(live, "cfg", ns, fieldManager: "editor");

        var editor = Assert.Single(replaced.Metadata.ManagedFields, m => m.Manager == "editor");
        Assert.Equal("Update", editor.Operation);
        var fields = JsonSerializer.Serialize(editor.FieldsV1);
        Assert.Contains("f:b", fields);
        Assert.DoesNotContain("f:a", fields);
    }

    [Fact]
    public async Task Create_ByPost_OwnsAddedMapsWholeAsTheRealServerRecordsThem()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");

        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns, fieldManager: "creator");

        var entry = Assert.Single(created.Metadata.ManagedFields);
        Assert.Equal(("creator", "Update"), (entry.Manager, entry.Operation));
        Assert.Equal("""{"f:data":{".":{},"f:a":{}}}""", JsonSerializer.Serialize(entry.FieldsV1));
    }

    [Fact]
    public async Task Apply_WithoutFieldManager_Returns400()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");

        var status = await KubeAssert.FailsWithStatusAsync(400, () =>
            Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", ns, 1)), "web", ns));

        Assert.Equal("BadRequest", status.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Apply_IntoMissingNamespace_Returns404NamespaceNotFound()
    {
        var status = await KubeAssert.FailsWithStatusAsync(404, () =>
            Client.AppsV1.PatchNamespacedDeploymentAsync(Apply(TestObjects.DeploymentApply("web", "no-such-ns", 1)), "web", "no-such-ns", fieldManager: Manager));

        Assert.Equal("namespaces \"no-such-ns\" not found", status.GetProperty("message").GetString());
        Assert.Equal("NotFound", status.GetProperty("reason").GetString());
        Assert.Equal("namespaces", status.GetProperty("details").GetProperty("kind").GetString());
    }

    private static V1Patch Apply(string json) => new(json, V1Patch.PatchType.ApplyPatch);

    [Fact]
    public async Task Apply_SurrogatePairEscapeInTheYamlBody_Is400AsGoYamlRefusesIt()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        var body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"emoji\",\"annotations\":{\"mood\":\"\\ud83d\\ude80\"}}}";

        var status = await KubeAssert.FailsWithStatusAsync(400, () =>
            Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "emoji", ns, fieldManager: "test"));

        Assert.Contains("found invalid Unicode character escape code", status.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_EmojiAsUtf8_IsStoredAsSent()
    {
        var ns = await emulator.CreateNamespaceAsync("ssa");
        var body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"emoji\",\"annotations\":{\"mood\":\"🚀\"}}}";

        var live = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "emoji", ns, fieldManager: "test");

        Assert.Equal("🚀", live.Metadata.Annotations["mood"]);
    }
}
