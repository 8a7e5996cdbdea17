using System.Text;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Create, get, list with a label selector and delete, through the typed KubernetesClient calls, per built-in kind.</summary>
public sealed class BuiltInKindTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task ConfigMap_CreateGetListDelete_BehavesLikeACluster()
    {
        var ns = await emulator.CreateNamespaceAsync("cm");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = TestObjects.Meta("a", ns, "web"), Data = new Dictionary<string, string> { ["k"] = "v" } }, ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = TestObjects.Meta("b", ns, "db") }, ns);

        var read = await Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns);
        var selected = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "tier=web");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("a", ns);

        Assert.Equal("v", read.Data["k"]);
        Assert.False(string.IsNullOrEmpty(read.Metadata.Uid));
        Assert.NotNull(read.Metadata.CreationTimestamp);
        Assert.Equal("a", Assert.Single(selected.Items).Metadata.Name);
        Assert.False(string.IsNullOrEmpty(selected.Metadata.ResourceVersion));
        await KubeAssert.FailsWithStatusAsync(404, () => Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns));
        Assert.Equal("b", Assert.Single((await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items).Metadata.Name);
    }

    [Fact]
    public async Task Secret_CreateGetListDelete_KeepsDataBase64()
    {
        var ns = await emulator.CreateNamespaceAsync("secret");
        var secret = new V1Secret { Metadata = TestObjects.Meta("creds", ns, "db"), Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("s3cret") } };
        await Client.CoreV1.CreateNamespacedSecretAsync(secret, ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = TestObjects.Meta("other", ns, "web"), StringData = new Dictionary<string, string> { ["token"] = "abc" } }, ns);

        var read = await Client.CoreV1.ReadNamespacedSecretAsync("creds", ns);
        var other = await Client.CoreV1.ReadNamespacedSecretAsync("other", ns);
        var selected = await Client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "tier in (db)");
        await Client.CoreV1.DeleteNamespacedSecretAsync("creds", ns);

        Assert.Equal("s3cret", Encoding.UTF8.GetString(read.Data["password"]));
        Assert.Equal("Opaque", read.Type);
        Assert.Equal("abc", Encoding.UTF8.GetString(other.Data["token"]));
        Assert.Null(other.StringData);
        Assert.Equal("creds", Assert.Single(selected.Items).Metadata.Name);
        await KubeAssert.FailsWithStatusAsync(404, () => Client.CoreV1.ReadNamespacedSecretAsync("creds", ns));
    }

    [Fact]
    public async Task Service_CreateGetListDelete_AllocatesClusterIpAndDefaults()
    {
        var ns = await emulator.CreateNamespaceAsync("svc");
        await Client.CoreV1.CreateNamespacedServiceAsync(TestObjects.Service("web", ns), ns);
        await Client.CoreV1.CreateNamespacedServiceAsync(TestObjects.Service("db", ns, "db"), ns);

        var read = await Client.CoreV1.ReadNamespacedServiceAsync("web", ns);
        var selected = await Client.CoreV1.ListNamespacedServiceAsync(ns, labelSelector: "tier!=db");
        await Client.CoreV1.DeleteNamespacedServiceAsync("web", ns);

        Assert.StartsWith("10.9", read.Spec.ClusterIP);
        Assert.Equal([read.Spec.ClusterIP], read.Spec.ClusterIPs);
        Assert.Equal("ClusterIP", read.Spec.Type);
        Assert.Equal("None", read.Spec.SessionAffinity);
        Assert.Equal(["IPv4"], read.Spec.IpFamilies);
        var port = Assert.Single(read.Spec.Ports);
        Assert.Equal("TCP", port.Protocol);
        Assert.Equal("80", port.TargetPort.Value);
        Assert.Equal("web", Assert.Single(selected.Items).Metadata.Name);
        await KubeAssert.FailsWithStatusAsync(404, () => Client.CoreV1.ReadNamespacedServiceAsync("web", ns));
    }

    [Fact]
    public async Task ServiceAccount_CreateGetListDelete_StoresItUnchanged()
    {
        var ns = await emulator.CreateNamespaceAsync("sa");
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = TestObjects.Meta("builder", ns, "ci") }, ns);
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = TestObjects.Meta("runner", ns, "web") }, ns);

        var read = await Client.CoreV1.ReadNamespacedServiceAccountAsync("builder", ns);
        var selected = await Client.CoreV1.ListNamespacedServiceAccountAsync(ns, labelSelector: "tier notin (web),app");
        await Client.CoreV1.DeleteNamespacedServiceAccountAsync("builder", ns);

        Assert.Equal("ci", read.Metadata.Labels["tier"]);
        Assert.Equal("builder", Assert.Single(selected.Items).Metadata.Name);
        await KubeAssert.FailsWithStatusAsync(404, () => Client.CoreV1.ReadNamespacedServiceAccountAsync("builder", ns));
    }

    [Fact]
    public async Task Deployment_CreateGetListDelete_DefaultsLikeTheApiServer()
    {
        var ns = await emulator.CreateNamespaceAsync("deploy");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(TestObjects.Deployment("web", ns, image: "nginx"), ns);
        await Client.AppsV1.CreateNamespacedDeploymentAsync(TestObjects.Deployment("api", ns, "api", "registry.local:5000/api:2.1"), ns);

        var web = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        var api = await Client.AppsV1.ReadNamespacedDeploymentAsync("api", ns);
        var selected = await Client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: "tier=api");
        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns);

        Assert.Equal(1, web.Spec.Replicas);
        Assert.Equal(1, web.Metadata.Generation);
        Assert.Equal("RollingUpdate", web.Spec.Strategy.Type);
        Assert.Equal("25%", web.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.Equal("25%", web.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal(10, web.Spec.RevisionHistoryLimit);
        Assert.Equal(600, web.Spec.ProgressDeadlineSeconds);
        var pod = web.Spec.Template.Spec;
        Assert.Equal("Always", pod.RestartPolicy);
        Assert.Equal("ClusterFirst", pod.DnsPolicy);
        Assert.Equal("default-scheduler", pod.SchedulerName);
        Assert.Equal(30, pod.TerminationGracePeriodSeconds);
        Assert.NotNull(pod.SecurityContext);
        var container = Assert.Single(pod.Containers);
        Assert.Equal("Always", container.ImagePullPolicy);
        Assert.Equal("/dev/termination-log", container.TerminationMessagePath);
        Assert.Equal("File", container.TerminationMessagePolicy);
        Assert.Equal("IfNotPresent", Assert.Single(api.Spec.Template.Spec.Containers).ImagePullPolicy);
        Assert.Equal("api", Assert.Single(selected.Items).Metadata.Name);
        await KubeAssert.FailsWithStatusAsync(404, () => Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns));
    }

    [Fact]
    public async Task Namespace_CreateGetListDelete_DefaultsAndCascades()
    {
        var name = $"ns-{Guid.NewGuid():N}"[..20];
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = TestObjects.Meta(name, null, "team-a") });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "inside" } }, name);

        var read = await Client.CoreV1.ReadNamespaceAsync(name);
        var selected = await Client.CoreV1.ListNamespaceAsync(labelSelector: $"kubernetes.io/metadata.name={name}");
        await Client.CoreV1.DeleteNamespaceAsync(name);

        Assert.Equal("Active", read.Status.Phase);
        Assert.Equal(["kubernetes"], read.Spec.Finalizers);
        Assert.Equal(name, read.Metadata.Labels["kubernetes.io/metadata.name"]);
        Assert.Equal(name, Assert.Single(selected.Items).Metadata.Name);
        await KubeAssert.FailsWithStatusAsync(404, () => Client.CoreV1.ReadNamespaceAsync(name));
        Assert.Empty((await Client.CoreV1.ListNamespacedConfigMapAsync(name)).Items);
    }

    [Fact]
    public async Task ListAcrossNamespaces_WithFieldSelector_FiltersByNamespaceAndName()
    {
        var first = await emulator.CreateNamespaceAsync("fs");
        var second = await emulator.CreateNamespaceAsync("fs");
        foreach (var ns in new[] { first, second })
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = TestObjects.Meta("shared", ns, "web") }, ns);
        }

        var all = await Client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: "metadata.name=shared");
        var one = await Client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: $"metadata.namespace={second},metadata.name=shared");

        Assert.Contains(all.Items, c => c.Metadata.NamespaceProperty == first);
        Assert.Contains(all.Items, c => c.Metadata.NamespaceProperty == second);
        Assert.Equal(second, Assert.Single(one.Items).Metadata.NamespaceProperty);
    }

    [Theory]
    [InlineData("apps", "v1", "statefulsets", "StatefulSet", """{"selector":{"matchLabels":{"app":"x"}},"serviceName":"x","template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"c","image":"busybox:1.36"}]}}}""")]
    [InlineData("apps", "v1", "daemonsets", "DaemonSet", """{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"c","image":"busybox:1.36"}]}}}""")]
    [InlineData("batch", "v1", "jobs", "Job", """{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox:1.36"}]}}}""")]
    [InlineData("batch", "v1", "cronjobs", "CronJob", """{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox:1.36"}]}}}}}""")]
    [InlineData("networking.k8s.io", "v1", "ingresses", "Ingress", """{"rules":[{"host":"shop.example.com"}]}""")]
    [InlineData("rbac.authorization.k8s.io", "v1", "roles", "Role", null)]
    [InlineData("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", null)]
    [InlineData("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", """{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}""")]
    [InlineData("", "v1", "pods", "Pod", """{"containers":[{"name":"c","image":"busybox:1.36"}]}""")]
    public async Task NamespacedKind_CreateGetListDelete_ThroughGenericClient(string group, string version, string plural, string kind, string? specJson)
    {
        var ns = await emulator.CreateNamespaceAsync(plural[..Math.Min(plural.Length, 8)]);
        using var generic = new GenericClient(Client, group, version, plural, disposeClient: false);
        var apiVersion = group.Length == 0 ? version : $"{group}/{version}";

        await generic.CreateNamespacedAsync(Generic(apiVersion, kind, "one", ns, "web", specJson), ns);
        await generic.CreateNamespacedAsync(Generic(apiVersion, kind, "two", ns, "db", specJson), ns);
        var read = await generic.ReadNamespacedAsync<GenericObject>(ns, "one");
        var selected = await generic.ListNamespacedAsync<GenericList>(ns);
        await generic.DeleteNamespacedAsync<V1Status>(ns, "one");

        Assert.Equal(kind, read.Kind);
        Assert.Equal(apiVersion, read.ApiVersion);
        Assert.Equal(2, selected.Items.Count);
        await KubeAssert.FailsWithStatusAsync(404, () => generic.ReadNamespacedAsync<GenericObject>(ns, "one"));
    }

    [Theory]
    [InlineData("clusterroles", "ClusterRole")]
    [InlineData("clusterrolebindings", "ClusterRoleBinding")]
    public async Task ClusterScopedKind_CreateGetListDelete_ThroughTypedRbacCalls(string plural, string kind)
    {
        var name = $"{plural}-{Guid.NewGuid():N}"[..30];
        var labelValue = Guid.NewGuid().ToString("N")[..10];
        var meta = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["run"] = labelValue } };
        if (kind == "ClusterRole")
        {
            await Client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole { Metadata = meta, Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["pods"], Verbs = ["get"] }] });
            Assert.Equal(name, (await Client.RbacAuthorizationV1.ReadClusterRoleAsync(name)).Metadata.Name);
            Assert.Single((await Client.RbacAuthorizationV1.ListClusterRoleAsync(labelSelector: $"run={labelValue}")).Items);
            await Client.RbacAuthorizationV1.DeleteClusterRoleAsync(name);
            await KubeAssert.FailsWithStatusAsync(404, () => Client.RbacAuthorizationV1.ReadClusterRoleAsync(name));
        }
        else
        {
            var binding = new V1ClusterRoleBinding
            {
                Metadata = meta,
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "view" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "builder", NamespaceProperty = "default" }],
            };
            await Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(binding);
            Assert.Equal("view", (await Client.RbacAuthorizationV1.ReadClusterRoleBindingAsync(name)).RoleRef.Name);
            Assert.Single((await Client.RbacAuthorizationV1.ListClusterRoleBindingAsync(labelSelector: $"run={labelValue}")).Items);
            await Client.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(name);
            await KubeAssert.FailsWithStatusAsync(404, () => Client.RbacAuthorizationV1.ReadClusterRoleBindingAsync(name));
        }
    }

    private static GenericObject Generic(string apiVersion, string kind, string name, string ns, string tier, string? specJson)
    {
        var obj = new GenericObject { ApiVersion = apiVersion, Kind = kind, Metadata = TestObjects.Meta(name, ns, tier) };
        if (specJson is not null)
        {
            obj.Spec = System.Text.Json.JsonDocument.Parse(specJson).RootElement.Clone();
        }

        return obj;
    }
}
