using System.Text.Json;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>
/// kubectl as a protocol oracle: what KubernetesClient wrote, kubectl reads and vice versa, including
/// server-side apply conflicts. The kubectl half is skipped (the client half still runs) without kubectl.
/// </summary>
public sealed class KubectlOracleTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task Kubectl_AgainstClientWrittenObjects_SeesAppliesAndConflictsLikeACluster()
    {
        var ns = await emulator.CreateNamespaceAsync("kubectl");
        var applied = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(TestObjects.DeploymentApply("web", ns, 2), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "gitops");
        Assert.Equal(2, applied.Spec.Replicas);

        var executable = KubectlRunner.FindOnPath();
        if (executable is null)
        {
            return; // kubectl is not installed: the client half above is all this test can check here.
        }

        var cache = Directory.CreateTempSubdirectory("kubectl-cache-");
        try
        {
            var kubectl = new KubectlRunner(emulator.KubeconfigPath, cache.FullName);

            var get = await kubectl.RunAsync(executable, null, "-n", ns, "get", "deployment", "web", "-o", "json");
            Assert.True(get.ExitCode == 0, get.Stderr);
            using (var document = JsonDocument.Parse(get.Stdout))
            {
                Assert.Equal(2, document.RootElement.GetProperty("spec").GetProperty("replicas").GetInt32());
                Assert.Equal(applied.Metadata.ResourceVersion, document.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString());
            }

            var table = await kubectl.RunAsync(executable, null, "-n", ns, "get", "deployment", "web");
            Assert.True(table.ExitCode == 0, table.Stderr);
            Assert.Matches(@"NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+web\s+2/2\s+2\s+2\s+\d+s", table.Stdout);

            var configMap = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-kubectl\n  namespace: {ns}\n  labels:\n    origin: kubectl\ndata:\n  key: value\n";
            var apply = await kubectl.RunAsync(executable, configMap, "apply", "--server-side", "-f", "-");
            Assert.True(apply.ExitCode == 0, apply.Stderr);
            Assert.Contains("configmap/from-kubectl serverside-applied", apply.Stdout);
            var written = await Client.CoreV1.ReadNamespacedConfigMapAsync("from-kubectl", ns);
            Assert.Equal("value", written.Data["key"]);
            Assert.Equal("Apply", Assert.Single(written.Metadata.ManagedFields, m => m.Manager == "kubectl").Operation);

            var selected = await kubectl.RunAsync(executable, null, "-n", ns, "get", "configmaps", "-l", "origin=kubectl", "-o", "name");
            Assert.Equal("configmap/from-kubectl", selected.Stdout.Trim());

            var conflicting = TestObjects.DeploymentApply("web", ns, 5);
            var conflict = await kubectl.RunAsync(executable, conflicting, "apply", "--server-side", "-f", "-");
            Assert.NotEqual(0, conflict.ExitCode);
            Assert.Contains("Apply failed with 1 conflict: conflict with \"gitops\": .spec.replicas", conflict.Stderr);

            var dryRun = await kubectl.RunAsync(executable, conflicting, "apply", "--server-side", "--force-conflicts", "--dry-run=server", "-f", "-");
            Assert.True(dryRun.ExitCode == 0, dryRun.Stderr);
            Assert.Equal(2, (await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas);

            var delete = await kubectl.RunAsync(executable, null, "-n", ns, "delete", "configmap", "from-kubectl");
            Assert.True(delete.ExitCode == 0, delete.Stderr);
            await KubeAssert.FailsWithStatusAsync(404, () => Client.CoreV1.ReadNamespacedConfigMapAsync("from-kubectl", ns));

            var missing = await kubectl.RunAsync(executable, null, "-n", ns, "get", "secret", "nope");
            Assert.NotEqual(0, missing.ExitCode);
            Assert.Contains("Error from server (NotFound): secrets \"nope\" not found", missing.Stderr);
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task KubectlCreate_TypedGenerators_AreDecodedFromProtobuf()
    {
        var ns = $"kubectl-create-{Guid.NewGuid():N}"[..24];
        var executable = KubectlRunner.FindOnPath();
        if (executable is null)
        {
            return; // Without kubectl there is no protobuf client to check against.
        }

        var cache = Directory.CreateTempSubdirectory("kubectl-cache-");
        try
        {
            var kubectl = new KubectlRunner(emulator.KubeconfigPath, cache.FullName);
            foreach (var args in new[]
            {
                new[] { "create", "namespace", ns },
                ["-n", ns, "create", "configmap", "settings", "--from-literal=mode=fast"],
                ["-n", ns, "create", "secret", "generic", "creds", "--from-literal=password=hunter2"],
                ["-n", ns, "create", "serviceaccount", "builder"],
            })
            {
                var run = await kubectl.RunAsync(executable, null, args);
                Assert.True(run.ExitCode == 0, run.Stderr);
            }

            var settings = await Client.CoreV1.ReadNamespacedConfigMapAsync("settings", ns);
            var creds = await Client.CoreV1.ReadNamespacedSecretAsync("creds", ns);
            Assert.Equal("fast", settings.Data["mode"]);
            Assert.Null(settings.Metadata.GenerateName);
            Assert.Equal("hunter2", System.Text.Encoding.UTF8.GetString(creds.Data["password"]));
            Assert.Equal("kubectl-create", Assert.Single(settings.Metadata.ManagedFields).Manager);
            Assert.Equal("builder", (await Client.CoreV1.ReadNamespacedServiceAccountAsync("builder", ns)).Metadata.Name);
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }
}
