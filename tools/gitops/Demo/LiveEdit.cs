using k8s;
using k8s.Models;

namespace GitOps.Cli.Demo;

/// <summary>Changes a live object behind the pipeline's back, as someone running <c>kubectl scale</c> would.</summary>
public static class LiveEdit
{
    public static async Task ScaleAsync(string kubeconfigPath, string ns, string deployment, int replicas, CancellationToken cancellationToken)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        using var client = new Kubernetes(config);
        var patch = new V1Patch("{\"spec\":{\"replicas\":" + replicas.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}", V1Patch.PatchType.MergePatch);
        await client.AppsV1.PatchNamespacedDeploymentAsync(patch, deployment, ns, fieldManager: "kubectl-scale", cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
