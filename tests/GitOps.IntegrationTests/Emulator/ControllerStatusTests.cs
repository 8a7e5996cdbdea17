using k8s;
using k8s.Models;
using KubeEmulator;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>The statuses the emulated controllers write for the kinds health checks read, healthy by default and unhealthy on request.</summary>
public sealed class ControllerStatusTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task Job_DefaultRollout_Completes()
    {
        var ns = await emulator.CreateNamespaceAsync("ctl");

        await Client.BatchV1.CreateNamespacedJobAsync(Job("migrate"), ns);

        var job = await Client.BatchV1.ReadNamespacedJobAsync("migrate", ns);
        Assert.Equal(1, job.Status.Succeeded);
        Assert.NotNull(job.Status.CompletionTime);
        Assert.Contains(job.Status.Conditions, c => c is { Type: "Complete", Status: "True" });
    }

    [Fact]
    public async Task Job_FailedRollout_ReportsBackoffLimitExceeded()
    {
        var ns = await emulator.CreateNamespaceAsync("ctl");
        emulator.Server.Control.SetRollout(ns, "migrate", RolloutMode.Failed);

        await Client.BatchV1.CreateNamespacedJobAsync(Job("migrate"), ns);

        var job = await Client.BatchV1.ReadNamespacedJobAsync("migrate", ns);
        Assert.Contains(job.Status.Conditions, c => c is { Type: "Failed", Status: "True", Reason: "BackoffLimitExceeded" });
    }

    [Fact]
    public async Task Pod_DefaultRollout_IsRunningAndReady()
    {
        var ns = await emulator.CreateNamespaceAsync("ctl");

        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox:1.36" }] },
        }, ns);

        var pod = await Client.CoreV1.ReadNamespacedPodAsync("p", ns);
        Assert.Equal("Running", pod.Status.Phase);
        Assert.Contains(pod.Status.Conditions, c => c is { Type: "Ready", Status: "True" });
        Assert.True(Assert.Single(pod.Status.ContainerStatuses).Ready);
    }

    [Fact]
    public async Task PersistentVolumeClaim_DefaultThenStuck_IsBoundOrPending()
    {
        var ns = await emulator.CreateNamespaceAsync("ctl");
        emulator.Server.Control.SetRollout(ns, "slow", RolloutMode.Stuck);

        await Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Claim("data"), ns);
        await Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Claim("slow"), ns);

        var bound = await Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", ns);
        Assert.Equal("Bound", bound.Status.Phase);
        Assert.Equal("5Gi", bound.Status.Capacity["storage"].ToString());
        Assert.StartsWith("pvc-", bound.Spec.VolumeName);
        Assert.Equal("Pending", (await Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("slow", ns)).Status.Phase);
    }

    [Fact]
    public async Task LoadBalancerService_DefaultRollout_GetsAnIngressAddress()
    {
        var ns = await emulator.CreateNamespaceAsync("ctl");
        var service = TestObjects.Service("lb", ns);
        service.Spec.Type = "LoadBalancer";

        await Client.CoreV1.CreateNamespacedServiceAsync(service, ns);

        var live = await Client.CoreV1.ReadNamespacedServiceAsync("lb", ns);
        Assert.False(string.IsNullOrEmpty(Assert.Single(live.Status.LoadBalancer.Ingress).Ip));
        Assert.NotNull(Assert.Single(live.Spec.Ports).NodePort);
    }

    [Fact]
    public async Task StatefulSet_StuckRollout_HasNoReadyReplicas()
    {
        var ns = await emulator.CreateNamespaceAsync("ctl");
        emulator.Server.Control.SetRollout(ns, "db", RolloutMode.Stuck);

        await Client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "db" },
            Spec = new V1StatefulSetSpec
            {
                Replicas = 2,
                ServiceName = "db",
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "db" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "db", Image = "postgres:16" }] },
                },
            },
        }, ns);

        var live = await Client.AppsV1.ReadNamespacedStatefulSetAsync("db", ns);
        Assert.Equal(2, live.Status.Replicas);
        Assert.Equal(0, live.Status.ReadyReplicas);
    }

    private static V1Job Job(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1JobSpec
        {
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "c", Image = "busybox:1.36" }] },
            },
        },
    };

    private static V1PersistentVolumeClaim Claim(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity("5Gi") } },
        },
    };
}
