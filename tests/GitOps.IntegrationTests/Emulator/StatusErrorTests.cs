using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Failures answered as the real server's Status objects: codes, reasons, messages and details.</summary>
public sealed class StatusErrorTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task Get_MissingObject_Returns404WithResourceDetails()
    {
        var ns = await emulator.CreateNamespaceAsync("err");

        var status = await KubeAssert.FailsWithStatusAsync(404, () => Client.AppsV1.ReadNamespacedDeploymentAsync("ghost", ns));

        Assert.Equal("NotFound", status.GetProperty("reason").GetString());
        Assert.Equal("deployments.apps \"ghost\" not found", status.GetProperty("message").GetString());
        var details = status.GetProperty("details");
        Assert.Equal("ghost", details.GetProperty("name").GetString());
        Assert.Equal("apps", details.GetProperty("group").GetString());
        Assert.Equal("deployments", details.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Create_ExistingName_Returns409AlreadyExists()
    {
        var ns = await emulator.CreateNamespaceAsync("err");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dup" } }, ns);

        var status = await KubeAssert.FailsWithStatusAsync(409, () =>
            Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dup" } }, ns));

        Assert.Equal("AlreadyExists", status.GetProperty("reason").GetString());
        Assert.Equal("configmaps \"dup\" already exists", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Replace_StaleResourceVersion_Returns409Conflict()
    {
        var ns = await emulator.CreateNamespaceAsync("err");
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns);
        var stale = await Client.CoreV1.ReadNamespacedConfigMapAsync("cfg", ns);
        created.Data["a"] = "2";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "cfg", ns);
        stale.Data["a"] = "3";

        var status = await KubeAssert.FailsWithStatusAsync(409, () => Client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, "cfg", ns));

        Assert.Equal("Conflict", status.GetProperty("reason").GetString());
        Assert.Equal(
            "Operation cannot be fulfilled on configmaps \"cfg\": the object has been modified; please apply your changes to the latest version and try again",
            status.GetProperty("message").GetString());
        Assert.Equal("2", (await Client.CoreV1.ReadNamespacedConfigMapAsync("cfg", ns)).Data["a"]);
    }

    [Theory]
    [InlineData("Bad_Name", "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of")]
    [InlineData("-leading-dash", "metadata.name: Invalid value: \"-leading-dash\"")]
    public async Task Create_InvalidName_Returns422Invalid(string name, string expectedMessagePart)
    {
        var ns = await emulator.CreateNamespaceAsync("err");

        var status = await KubeAssert.FailsWithStatusAsync(422, () =>
            Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name } }, ns));

        Assert.Equal("Invalid", status.GetProperty("reason").GetString());
        Assert.StartsWith($"ConfigMap \"{name}\" is invalid: ", status.GetProperty("message").GetString());
        Assert.Contains(expectedMessagePart, status.GetProperty("message").GetString());
        Assert.Equal("ConfigMap", status.GetProperty("details").GetProperty("kind").GetString());
        Assert.Equal("metadata.name", status.GetProperty("details").GetProperty("causes")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Create_MissingName_Returns422Required()
    {
        var ns = await emulator.CreateNamespaceAsync("err");

        var status = await KubeAssert.FailsWithStatusAsync(422, () =>
            Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta() }, ns));

        Assert.Equal("ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Apply_SecretDataNotBase64_Returns422()
    {
        var ns = await emulator.CreateNamespaceAsync("err");
        var patch = new V1Patch($$$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"{{{ns}}}"},"data":{"password":"not base64!"}}""", V1Patch.PatchType.ApplyPatch);

        var status = await KubeAssert.FailsWithStatusAsync(422, () => Client.CoreV1.PatchNamespacedSecretAsync(patch, "s", ns, fieldManager: "gitops"));

        Assert.Equal("Invalid", status.GetProperty("reason").GetString());
        Assert.Equal("data[password]", status.GetProperty("details").GetProperty("causes")[0].GetProperty("field").GetString());
        Assert.DoesNotContain("not base64!", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Apply_KindNotMatchingUrl_Returns422()
    {
        var ns = await emulator.CreateNamespaceAsync("err");
        var patch = new V1Patch($$$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x","namespace":"{{{ns}}}"}}""", V1Patch.PatchType.ApplyPatch);

        var status = await KubeAssert.FailsWithStatusAsync(422, () => Client.CoreV1.PatchNamespacedConfigMapAsync(patch, "x", ns, fieldManager: "gitops"));

        Assert.Contains("kind: Invalid value: \"Secret\": must be ConfigMap", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_DeploymentSelectorNotMatchingTemplate_Returns422()
    {
        var ns = await emulator.CreateNamespaceAsync("err");
        var deployment = TestObjects.Deployment("web", ns);
        deployment.Spec.Selector.MatchLabels["app"] = "other";

        var status = await KubeAssert.FailsWithStatusAsync(422, () => Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns));

        Assert.Contains("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`",
            status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Replace_NameDifferentFromUrl_Returns400BadRequest()
    {
        var ns = await emulator.CreateNamespaceAsync("err");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, ns);

        var status = await KubeAssert.FailsWithStatusAsync(400, () =>
            Client.CoreV1.ReplaceNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "b" } }, "a", ns));

        Assert.Equal("BadRequest", status.GetProperty("reason").GetString());
        Assert.Equal("the name of the object (b) does not match the name on the URL (a)", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task List_MalformedLabelSelector_Returns400()
    {
        var ns = await emulator.CreateNamespaceAsync("err");

        var status = await KubeAssert.FailsWithStatusAsync(400, () => Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "a in (b"));

        Assert.Equal("BadRequest", status.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Delete_WithStaleResourceVersionPrecondition_Returns409AndKeepsObject()
    {
        var ns = await emulator.CreateNamespaceAsync("err");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "keep" } }, ns);

        await KubeAssert.FailsWithStatusAsync(409, () => Client.CoreV1.DeleteNamespacedConfigMapAsync(
            "keep", ns, new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = "1" } }));

        Assert.Equal("keep", (await Client.CoreV1.ReadNamespacedConfigMapAsync("keep", ns)).Metadata.Name);
    }

    [Fact]
    public async Task Status_Always_ParsesAsV1StatusInTheClient()
    {
        var ns = await emulator.CreateNamespaceAsync("err");

        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => Client.CoreV1.ReadNamespacedSecretAsync("none", ns));
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);

        Assert.Equal(404, status.Code);
        Assert.Equal("NotFound", status.Reason);
        Assert.Equal("secrets", status.Details.Kind);
        Assert.Equal("none", status.Details.Name);
    }
}
