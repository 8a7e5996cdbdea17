using k8s;
using k8s.Models;
using KubeEmulator;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>The simulated deployment controller: available at once by default, stuck or failed on request.</summary>
public sealed class RolloutTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task Deployment_DefaultRollout_IsAvailableWithObservedGeneration()
    {
        var ns = await emulator.CreateNamespaceAsync("roll");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(TestObjects.Deployment("web", ns, replicas: 3), ns);

        var live = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);

        Assert.Equal(live.Metadata.Generation, live.Status.ObservedGeneration);
        Assert.Equal(3, live.Status.Replicas);
        Assert.Equal(3, live.Status.UpdatedReplicas);
        Assert.Equal(3, live.Status.ReadyReplicas);
        Assert.Equal(3, live.Status.AvailableReplicas);
        Assert.Contains(live.Status.Conditions, c => c is { Type: "Available", Status: "True" });
        Assert.Contains(live.Status.Conditions, c => c is { Type: "Progressing", Status: "True", Reason: "NewReplicaSetAvailable" });
    }

    [Fact]
    public async Task SetRollout_Stuck_KeepsDeploymentUnavailableUntilReleased()
    {
        var ns = await emulator.CreateNamespaceAsync("roll");
        emulator.Server.Control.SetRollout(ns, "web", RolloutMode.Stuck);
        await Client.AppsV1.CreateNamespacedDeploymentAsync(TestObjects.Deployment("web", ns, replicas: 2), ns);

        var stuck = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        emulator.Server.Control.SetRollout(ns, "web", RolloutMode.Immediate);
        var released = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);

        Assert.Null(stuck.Status.AvailableReplicas);
        Assert.Equal(2, stuck.Status.UnavailableReplicas);
        Assert.Contains(stuck.Status.Conditions, c => c is { Type: "Available", Status: "False", Reason: "MinimumReplicasUnavailable" });
        Assert.Contains(stuck.Status.Conditions, c => c is { Type: "Progressing", Status: "True", Reason: "ReplicaSetUpdated" });
        Assert.Equal(2, released.Status.AvailableReplicas);
        Assert.NotEqual(stuck.Metadata.ResourceVersion, released.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task SetRollout_Failed_ReportsProgressDeadlineExceeded()
    {
        var ns = await emulator.CreateNamespaceAsync("roll");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(TestObjects.Deployment("web", ns), ns);

        emulator.Server.Control.SetRollout(ns, "web", RolloutMode.Failed);

        var live = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        Assert.Contains(live.Status.Conditions, c => c is { Type: "Progressing", Status: "False", Reason: "ProgressDeadlineExceeded" });
    }

    [Fact]
    public async Task StatusSubresource_Replace_ChangesOnlyStatus()
    {
        var ns = await emulator.CreateNamespaceAsync("roll");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(TestObjects.Deployment("web", ns), ns);
        var live = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        live.Status.ReadyReplicas = 0;
        live.Spec.Replicas = 42;

        var updated = await Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(live, "web", ns);

        Assert.Equal(0, updated.Status.ReadyReplicas);
        Assert.Equal(1, updated.Spec.Replicas);
    }

    [Fact]
    public async Task MainResource_WriteWithStatus_IgnoresTheStatus()
    {
        var ns = await emulator.CreateNamespaceAsync("roll");
        var deployment = TestObjects.Deployment("web", ns);
        deployment.Status = new V1DeploymentStatus { Replicas = 99 };

        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);

        Assert.Equal(1, created.Status.Replicas);
    }
}
