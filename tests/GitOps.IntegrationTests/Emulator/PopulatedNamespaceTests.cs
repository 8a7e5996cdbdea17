using k8s;
using k8s.Models;
using KubeEmulator;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>With PopulateNamespaces, namespaces carry what a real cluster's controllers put in them.</summary>
public sealed class PopulatedNamespaceTests : IAsyncLifetime
{
    private EmulatorServer _server = null!;
    private IKubernetes _client = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { PopulateNamespaces = true });
        _directory = Directory.CreateTempSubdirectory("kube-emulator-populated-").FullName;
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.WriteKubeconfig(Path.Combine(_directory, "config"))));
    }

    [Fact]
    public async Task CreateNamespace_WithPopulateNamespaces_AddsDefaultServiceAccountAndRootCa()
    {
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-a" } });

        var accounts = await _client.CoreV1.ListNamespacedServiceAccountAsync("team-a");
        var configMaps = await _client.CoreV1.ListNamespacedConfigMapAsync("team-a");
        var api = await _client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default");

        Assert.Equal("default", Assert.Single(accounts.Items).Metadata.Name);
        Assert.Contains("BEGIN CERTIFICATE", Assert.Single(configMaps.Items, c => c.Metadata.Name == "kube-root-ca.crt").Data["ca.crt"]);
        Assert.Equal("10.96.0.1", api.Spec.ClusterIP);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
