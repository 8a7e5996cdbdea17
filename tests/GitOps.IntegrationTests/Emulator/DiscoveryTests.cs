using k8s;

namespace GitOps.IntegrationTests.Emulator;

public sealed class DiscoveryTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task GetCoreApiVersions_Always_ListsV1()
    {
        var versions = await emulator.Client.Core.GetAPIVersionsAsync();

        Assert.Equal(["v1"], versions.Versions);
    }

    [Fact]
    public async Task GetApiGroups_Always_ListsBuiltInGroupsWithPreferredVersion()
    {
        var groups = await emulator.Client.Apis.GetAPIVersionsAsync();

        foreach (var name in new[] { "apps", "batch", "rbac.authorization.k8s.io", "networking.k8s.io", "apiextensions.k8s.io" })
        {
            var group = Assert.Single(groups.Groups, g => g.Name == name);
            Assert.Equal($"{name}/v1", group.PreferredVersion.GroupVersion);
        }
    }

    [Fact]
    public async Task GetCoreResources_Always_DescribesKindsScopesVerbsAndShortNames()
    {
        var list = await emulator.Client.CoreV1.GetAPIResourcesAsync();

        Assert.Equal("v1", list.GroupVersion);
        var configMaps = Assert.Single(list.Resources, r => r.Name == "configmaps");
        Assert.Equal("ConfigMap", configMaps.Kind);
        Assert.Equal("configmap", configMaps.SingularName);
        Assert.True(configMaps.Namespaced);
        Assert.Contains("cm", configMaps.ShortNames);
        Assert.Contains("patch", configMaps.Verbs);
        var namespaces = Assert.Single(list.Resources, r => r.Name == "namespaces");
        Assert.False(namespaces.Namespaced);
        foreach (var plural in new[] { "secrets", "services", "serviceaccounts", "pods", "persistentvolumeclaims" })
        {
            Assert.Contains(list.Resources, r => r.Name == plural);
        }
    }

    [Fact]
    public async Task GetAppsResources_Always_ListsWorkloadsAndStatusSubresources()
    {
        var list = await emulator.Client.AppsV1.GetAPIResourcesAsync();

        Assert.Equal("apps/v1", list.GroupVersion);
        var deployments = Assert.Single(list.Resources, r => r.Name == "deployments");
        Assert.Equal("Deployment", deployments.Kind);
        Assert.Contains("deploy", deployments.ShortNames);
        Assert.Contains(list.Resources, r => r.Name == "deployments/status");
        Assert.Contains(list.Resources, r => r.Name == "statefulsets");
        Assert.Contains(list.Resources, r => r.Name == "daemonsets");
    }

    [Fact]
    public async Task GetOtherGroupResources_Always_ListsRbacNetworkingBatchAndCrds()
    {
        Assert.Contains((await emulator.Client.RbacAuthorizationV1.GetAPIResourcesAsync()).Resources, r => r.Name == "clusterrolebindings" && !r.Namespaced);
        Assert.Contains((await emulator.Client.NetworkingV1.GetAPIResourcesAsync()).Resources, r => r.Name == "ingresses");
        Assert.Contains((await emulator.Client.BatchV1.GetAPIResourcesAsync()).Resources, r => r.Name == "cronjobs");
        Assert.Contains((await emulator.Client.ApiextensionsV1.GetAPIResourcesAsync()).Resources, r => r.Name == "customresourcedefinitions");
    }

    [Fact]
    public async Task GetVersion_Always_ReportsKubernetes132()
    {
        var version = await emulator.Client.Version.GetCodeAsync();

        Assert.Equal("1", version.Major);
        Assert.Equal("32", version.Minor);
        Assert.StartsWith("v1.32", version.GitVersion);
    }

    [Fact]
    public async Task GetUnknownGroupVersion_Always_Returns404Status()
    {
        using var http = new HttpClient { BaseAddress = emulator.Server.BaseAddress };

        var response = await http.GetAsync("/apis/nothing.example.com/v1");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"kind\":\"Status\"", await response.Content.ReadAsStringAsync());
    }
}
