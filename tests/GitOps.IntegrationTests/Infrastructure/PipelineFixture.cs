using GitOps.Azurite;
using KubeEmulator;

namespace GitOps.IntegrationTests.Infrastructure;

/// <summary>
/// One Azurite and one Kubernetes API emulator for all pipeline tests. Tests isolate themselves:
/// each takes its own storage name prefix, git repository, app name and namespace.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private EmulatorServer? _emulator;

    public string ConnectionString => (_azurite ?? throw new InvalidOperationException("not started")).ConnectionString;

    public EmulatorServer Emulator => _emulator ?? throw new InvalidOperationException("not started");

    public string Kubeconfig { get; private set; } = string.Empty;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "gitops-it-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var azurite = AzuriteProcess.StartOrAttachAsync(Path.Combine(Root, "azurite"));
        var emulator = EmulatorServer.StartAsync();
        _azurite = await azurite;
        _emulator = await emulator;
        Kubeconfig = _emulator.WriteKubeconfig(Path.Combine(Root, "kubeconfig"));
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "Pipeline";
}
