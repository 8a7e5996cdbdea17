using k8s;
using k8s.Models;
using KubeEmulator;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>
/// One emulator per test class, reached the ordinary way: a kubeconfig file read by
/// <see cref="KubernetesClientConfiguration.BuildConfigFromConfigFile(string, string, string, bool)"/>.
/// Each test makes its own namespace, so tests of a class can run in any order.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private DirectoryInfo? _directory;

    public EmulatorServer Server { get; private set; } = null!;

    public string KubeconfigPath { get; private set; } = "";

    public IKubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync();
        _directory = Directory.CreateTempSubdirectory("kube-emulator-tests-");
        KubeconfigPath = Server.WriteKubeconfig(Path.Combine(_directory.FullName, "kubeconfig"));
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));
    }

    /// <summary>Creates a fresh namespace named after the test, with a random suffix.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 9, 63)];
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        _directory?.Delete(recursive: true);
    }
}
