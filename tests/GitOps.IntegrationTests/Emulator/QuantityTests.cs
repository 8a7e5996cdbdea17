using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Resource quantities come back in the API server's canonical form, as on a real cluster.</summary>
public sealed class QuantityTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Theory]
    [InlineData("0.5", "500m")]
    [InlineData("1000m", "1")]
    [InlineData("1500m", "1500m")]
    [InlineData("2000", "2k")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1536Mi", "1536Mi")]
    [InlineData("0.5Gi", "512Mi")]
    [InlineData("128974848", "128974848")]
    [InlineData("129e6", "129e6")]
    [InlineData("100m", "100m")]
    public async Task Apply_ContainerResources_AreStoredCanonically(string written, string stored)
    {
        var ns = await emulator.CreateNamespaceAsync("qty");

        await ApplyAsync(ns, written);

        // Read the raw JSON: KubernetesClient's ResourceQuantity would canonicalize on its own.
        var raw = JsonNode.Parse(emulator.Server.Control.GetObject("apps/v1", "Deployment", ns, "web")!)!;
        var resources = raw["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!;
        Assert.Equal(stored, resources["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal(stored, resources["limits"]!["memory"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_SameQuantityInAnotherSpelling_IsANoOp()
    {
        var ns = await emulator.CreateNamespaceAsync("qty");
        var first = await ApplyAsync(ns, "0.5");

        var again = await ApplyAsync(ns, "500m");

        Assert.Equal(first.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }

    private Task<V1Deployment> ApplyAsync(string ns, string quantity)
    {
        var deployment = JsonNode.Parse(TestObjects.DeploymentApply("web", ns, 1))!;
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"] = new JsonObject
        {
            ["requests"] = new JsonObject { ["cpu"] = quantity },
            ["limits"] = new JsonObject { ["memory"] = quantity },
        };
        return Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(deployment.ToJsonString(), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "gitops");
    }
}
