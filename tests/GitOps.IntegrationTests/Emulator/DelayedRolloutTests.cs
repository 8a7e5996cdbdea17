using k8s;
using k8s.Models;
using KubeEmulator;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Delayed rollouts follow the injected clock, so health checks can be tested without waiting.</summary>
public sealed class DelayedRolloutTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private EmulatorServer _server = null!;
    private IKubernetes _client = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            TimeProvider = _time,
            DefaultRollout = RolloutMode.Delayed,
            RolloutDelay = TimeSpan.FromMinutes(2),
        });
        _directory = Directory.CreateTempSubdirectory("kube-emulator-delayed-").FullName;
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.WriteKubeconfig(Path.Combine(_directory, "config"))));
    }

    [Fact]
    public async Task DelayedRollout_BeforeAndAfterDelay_ProgressesThenBecomesAvailable()
    {
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "delayed" } });
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(TestObjects.Deployment("web", "delayed", replicas: 2), "delayed");

        _time.Advance(TimeSpan.FromMinutes(1));
        var early = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", "delayed");
        _time.Advance(TimeSpan.FromMinutes(1));
        var late = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", "delayed");

        Assert.Equal("2026-01-01T12:00:00Z", created.Metadata.CreationTimestamp!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(early.Status.Conditions, c => c is { Type: "Available", Status: "False" });
        Assert.Null(early.Status.AvailableReplicas);
        Assert.Contains(late.Status.Conditions, c => c is { Type: "Available", Status: "True" });
        Assert.Equal(2, late.Status.AvailableReplicas);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
