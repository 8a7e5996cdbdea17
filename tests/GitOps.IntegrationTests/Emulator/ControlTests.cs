using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using k8s;
using k8s.Models;
using KubeEmulator;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>The test controls: injected faults, request counters and behind-the-back edits, in C# and over /_emulator/.</summary>
public sealed class ControlTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task InjectFault_429OnApply_ClientSeesTooManyRequestsWithRetryAfterOnce()
    {
        var ns = await emulator.CreateNamespaceAsync("fault");
        emulator.Server.Control.InjectFault(new FaultRule { Verb = "apply", Resource = "deployments", Namespace = ns, StatusCode = 429, RetryAfterSeconds = 7 });
        var patch = new V1Patch(TestObjects.DeploymentApply("web", ns, 1), V1Patch.PatchType.ApplyPatch);

        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            Client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", ns, fieldManager: "gitops"));
        var retried = await Client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", ns, fieldManager: "gitops");

        Assert.Equal((HttpStatusCode)429, error.Response.StatusCode);
        Assert.Equal("7", error.Response.Headers["Retry-After"].Single());
        using var status = JsonDocument.Parse(error.Response.Content);
        Assert.Equal("TooManyRequests", status.RootElement.GetProperty("reason").GetString());
        Assert.Equal(7, status.RootElement.GetProperty("details").GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal("web", retried.Metadata.Name);
    }

    [Fact]
    public async Task InjectFault_CountTwo_FailsTwoMatchingRequestsThenServes()
    {
        var ns = await emulator.CreateNamespaceAsync("fault");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" } }, ns);
        emulator.Server.Control.InjectFault(new FaultRule { Verb = "get", Resource = "configmaps", Namespace = ns, Name = "cfg", StatusCode = 500, Count = 2 });

        await KubeAssert.FailsWithStatusAsync(500, () => Client.CoreV1.ReadNamespacedConfigMapAsync("cfg", ns));
        await KubeAssert.FailsWithStatusAsync(500, () => Client.CoreV1.ReadNamespacedConfigMapAsync("cfg", ns));
        var served = await Client.CoreV1.ReadNamespacedConfigMapAsync("cfg", ns);

        Assert.Equal("cfg", served.Metadata.Name);
        Assert.DoesNotContain(emulator.Server.Control.ActiveFaults, f => f.Namespace == ns);
    }

    [Fact]
    public async Task InjectFault_409OnDelete_AnswersConflictStatus()
    {
        var ns = await emulator.CreateNamespaceAsync("fault");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" } }, ns);
        emulator.Server.Control.InjectFault(new FaultRule { Verb = "delete", Namespace = ns, StatusCode = 409 });

        var status = await KubeAssert.FailsWithStatusAsync(409, () => Client.CoreV1.DeleteNamespacedConfigMapAsync("cfg", ns));

        Assert.Equal("Conflict", status.GetProperty("reason").GetString());
        Assert.Equal("cfg", (await Client.CoreV1.ReadNamespacedConfigMapAsync("cfg", ns)).Metadata.Name);
    }

    [Fact]
    public async Task InjectFault_DelayOnly_HoldsTheRequestThenServesIt()
    {
        var ns = await emulator.CreateNamespaceAsync("fault");
        emulator.Server.Control.InjectFault(new FaultRule { Verb = "list", Resource = "configmaps", Namespace = ns, StatusCode = 0, Delay = TimeSpan.FromMilliseconds(300) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: timeout.Token));
        var listed = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);

        Assert.Empty(listed.Items);
    }

    [Fact]
    public async Task StatusSubresource_KindWithoutStatus_Returns404()
    {
        var ns = await emulator.CreateNamespaceAsync("fault");
        using var http = new HttpClient { BaseAddress = emulator.Server.BaseAddress };

        using var response = await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps/any/status");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ControlEndpoint_PostFault_ArmsItForTheNextRequest()
    {
        var ns = await emulator.CreateNamespaceAsync("fault");
        using var http = new HttpClient { BaseAddress = emulator.Server.BaseAddress };

        using var armed = await http.PostAsJsonAsync("/_emulator/faults", new { verb = "list", resource = "secrets", @namespace = ns, statusCode = 503 });
        var status = await KubeAssert.FailsWithStatusAsync(503, () => Client.CoreV1.ListNamespacedSecretAsync(ns));
        var listed = await Client.CoreV1.ListNamespacedSecretAsync(ns);

        Assert.Equal(HttpStatusCode.Created, armed.StatusCode);
        Assert.Equal("ServiceUnavailable", status.GetProperty("reason").GetString());
        Assert.Empty(listed.Items);
    }

    [Fact]
    public async Task RequestCounts_AfterCalls_CountByVerbResourceAndNamespace()
    {
        var ns = await emulator.CreateNamespaceAsync("count");
        var patch = new V1Patch(TestObjects.DeploymentApply("web", ns, 1), V1Patch.PatchType.ApplyPatch);

        await Client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", ns, fieldManager: "gitops");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", ns, fieldManager: "gitops");
        await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        await Client.CoreV1.ListNamespacedConfigMapAsync(ns);

        var control = emulator.Server.Control;
        Assert.Equal(2, control.CountRequests("apply", "deployments", ns));
        Assert.Equal(2, control.CountRequests("patch", "deployments", ns, "web"));
        Assert.Equal(1, control.CountRequests("get", "deployments", ns));
        Assert.Equal(1, control.CountRequests("list", "configmaps", ns));
        Assert.Equal(0, control.CountRequests("delete", @namespace: ns));
        Assert.True(control.RequestCounts["patch deployments"] >= 2);
        var recorded = control.Requests.Last(r => r.Namespace == ns && r.Verb == "patch");
        Assert.Equal("apply", recorded.PatchType);
        Assert.Equal("gitops", recorded.FieldManager);
        Assert.Equal(200, recorded.StatusCode);
    }

    [Fact]
    public async Task RequestCounts_FailedAndFaultedRequests_AreRecordedWithTheirResourceAndCode()
    {
        var ns = await emulator.CreateNamespaceAsync("count");
        emulator.Server.Control.InjectFault(new FaultRule { Verb = "list", Resource = "secrets", Namespace = ns, StatusCode = 429 });

        await KubeAssert.FailsWithStatusAsync(404, () => Client.CoreV1.ReadNamespacedConfigMapAsync("missing", ns));
        await KubeAssert.FailsWithStatusAsync(429, () => Client.CoreV1.ListNamespacedSecretAsync(ns));

        var control = emulator.Server.Control;
        Assert.Equal(1, control.CountRequests("get", "configmaps", ns, "missing"));
        Assert.Equal(1, control.CountRequests("list", "secrets", ns));
        Assert.Equal(404, control.Requests.Last(r => r.Namespace == ns && r.Resource == "configmaps").StatusCode);
        Assert.Equal(429, control.Requests.Last(r => r.Namespace == ns && r.Resource == "secrets").StatusCode);
    }

    [Fact]
    public async Task ControlEndpoint_GetRequests_ReturnsCountsAsJson()
    {
        var ns = await emulator.CreateNamespaceAsync("count");
        await Client.CoreV1.ListNamespacedServiceAsync(ns);
        using var http = new HttpClient { BaseAddress = emulator.Server.BaseAddress };

        using var document = JsonDocument.Parse(await http.GetStringAsync("/_emulator/requests"));

        Assert.True(document.RootElement.GetProperty("counts").GetProperty("list services").GetInt32() >= 1);
        Assert.True(document.RootElement.GetProperty("total").GetInt32() >= 1);
        Assert.Contains(document.RootElement.GetProperty("requests").EnumerateArray(), r => r.TryGetProperty("namespace", out var value) && value.GetString() == ns);
    }

    [Fact]
    public async Task PatchObject_BehindTheClientsBack_ChangesLiveObjectAsAnotherManager()
    {
        var ns = await emulator.CreateNamespaceAsync("drift");
        var applied = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(TestObjects.DeploymentApply("web", ns, 2), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "gitops");

        emulator.Server.Control.PatchObject("apps/v1", "Deployment", ns, "web", """{"spec":{"replicas":9}}""");

        var live = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        Assert.Equal(9, live.Spec.Replicas);
        Assert.NotEqual(applied.Metadata.ResourceVersion, live.Metadata.ResourceVersion);
        Assert.Equal("Update", Assert.Single(live.Metadata.ManagedFields, m => m.Manager == "kubectl-edit").Operation);
        Assert.Contains("\"replicas\":9", emulator.Server.Control.GetObject("apps/v1", "Deployment", ns, "web"));
    }

    [Fact]
    public async Task DeleteObject_BehindTheClientsBack_RemovesLiveObject()
    {
        var ns = await emulator.CreateNamespaceAsync("drift");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" } }, ns);

        var deleted = emulator.Server.Control.DeleteObject("v1", "ConfigMap", ns, "cfg");

        Assert.True(deleted);
        Assert.Null(emulator.Server.Control.GetObject("v1", "ConfigMap", ns, "cfg"));
        Assert.Empty(emulator.Server.Control.ListObjectNames("v1", "ConfigMap", ns));
    }
}
