using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Server-side defaults beyond the basics: the fields a real cluster adds that manifests rarely spell out.</summary>
public sealed class DefaultingTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task Create_ContainerWithProbeAndFieldRef_GetsProbeTimingsSchemeAndApiVersion()
    {
        var ns = await emulator.CreateNamespaceAsync("dflt");
        var deployment = TestObjects.Deployment("web", ns);
        var container = deployment.Spec.Template.Spec.Containers[0];
        container.ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = 8080 } };
        container.Env = [new V1EnvVar { Name = "NODE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.nodeName" } } }];

        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);

        var probe = created.Spec.Template.Spec.Containers[0].ReadinessProbe;
        Assert.Equal((1, 10, 1, 3), (probe.TimeoutSeconds, probe.PeriodSeconds, probe.SuccessThreshold, probe.FailureThreshold));
        Assert.Equal("HTTP", probe.HttpGet.Scheme);
        Assert.Equal("v1", created.Spec.Template.Spec.Containers[0].Env[0].ValueFrom.FieldRef.ApiVersion);
    }

    [Fact]
    public async Task Create_JobAndCronJob_GetControllerDefaults()
    {
        var ns = await emulator.CreateNamespaceAsync("dflt");
        var template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "c", Image = "busybox:1.36" }] } };

        var job = await Client.BatchV1.CreateNamespacedJobAsync(new V1Job { Metadata = new V1ObjectMeta { Name = "once" }, Spec = new V1JobSpec { Template = template } }, ns);
        var cron = await Client.BatchV1.CreateNamespacedCronJobAsync(new V1CronJob
        {
            Metadata = new V1ObjectMeta { Name = "nightly" },
            Spec = new V1CronJobSpec { Schedule = "0 3 * * *", JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = template } } },
        }, ns);

        Assert.Equal((6, 1, 1, "NonIndexed"), (job.Spec.BackoffLimit, job.Spec.Completions, job.Spec.Parallelism, job.Spec.CompletionMode));
        Assert.Equal(("Allow", 3, 1), (cron.Spec.ConcurrencyPolicy, cron.Spec.SuccessfulJobsHistoryLimit, cron.Spec.FailedJobsHistoryLimit));
        Assert.Equal("IfNotPresent", cron.Spec.JobTemplate.Spec.Template.Spec.Containers[0].ImagePullPolicy);
    }

    [Fact]
    public async Task Create_ConfigMapVolume_GetsDefaultMode420()
    {
        var ns = await emulator.CreateNamespaceAsync("dflt");
        var deployment = TestObjects.Deployment("web", ns);
        deployment.Spec.Template.Spec.Volumes = [new V1Volume { Name = "cfg", ConfigMap = new V1ConfigMapVolumeSource { Name = "cfg" } }];

        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);

        Assert.Equal(420, Assert.Single(created.Spec.Template.Spec.Volumes).ConfigMap.DefaultMode);
    }

    [Fact]
    public async Task Apply_EmptyListsAndMaps_AreDroppedAsOmitemptyDoes_EmptyStructsStay()
    {
        var ns = await emulator.CreateNamespaceAsync("dflt");
        var body = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"NS","annotations":{},"labels":{}},
             "spec":{"containers":[{"name":"c","image":"busybox:1.36","args":[],"env":[],"resources":{}}],"nodeSelector":{},"securityContext":{}}}
            """.Replace("NS", ns, StringComparison.Ordinal);

        var live = await Client.CoreV1.PatchNamespacedPodAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "p", ns, fieldManager: "test");

        Assert.Null(live.Metadata.Annotations);
        Assert.Null(live.Spec.NodeSelector);
        var container = live.Spec.Containers[0];
        Assert.Null(container.Args);
        Assert.Null(container.Env);
        Assert.NotNull(container.Resources);
        Assert.NotNull(live.Spec.SecurityContext);
    }
}
