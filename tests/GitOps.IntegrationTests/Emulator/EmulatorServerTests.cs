using k8s;
using KubeEmulator;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Hosting the emulator: kubeconfig files the client loads, ports, options.</summary>
public sealed class EmulatorServerTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task WriteKubeconfig_ContextNameWithYamlSpecials_LoadsInTheClient()
    {
        var directory = Directory.CreateTempSubdirectory("kube-emulator-config-");
        try
        {
            var path = emulator.Server.WriteKubeconfig(Path.Combine(directory.FullName, "nested", "config"), "team: \"a\" #1");

            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            using var client = new Kubernetes(config);
            var version = await client.Version.GetCodeAsync();

            Assert.Equal("team: \"a\" #1", config.CurrentContext);
            Assert.Equal(emulator.Server.BaseAddress.ToString().TrimEnd('/'), config.Host.TrimEnd('/'));
            Assert.Equal("emulator-token", config.AccessToken);
            Assert.Equal("default", config.Namespace);
            Assert.Equal("32", version.Minor);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_PortAlreadyTaken_ThrowsIOException()
    {
        var options = new EmulatorOptions { Port = emulator.Server.BaseAddress.Port };

        await Assert.ThrowsAsync<IOException>(() => EmulatorServer.StartAsync(options));
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ThrowsBeforeBinding()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmulatorServer.StartAsync(new EmulatorOptions { Port = 70000 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmulatorServer.StartAsync(new EmulatorOptions { RolloutDelay = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void InjectFault_InvalidRule_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.Server.Control.InjectFault(new FaultRule { StatusCode = 200 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.Server.Control.InjectFault(new FaultRule { Count = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.Server.Control.InjectFault(new FaultRule { StatusCode = 0 }));
    }
}
