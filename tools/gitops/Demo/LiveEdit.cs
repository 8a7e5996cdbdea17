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

    /// <summary>The live replica count and the field manager that owns <c>spec.replicas</c>.</summary>
    public static async Task<(int? Replicas, string? Owner)> ReadReplicasAsync(string kubeconfigPath, string ns, string deployment, CancellationToken cancellationToken)
    {
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
        var live = await client.AppsV1.ReadNamespacedDeploymentAsync(deployment, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        var owner = live.Metadata.ManagedFields?.FirstOrDefault(m => m.FieldsV1?.ToString()?.Contains("\"f:replicas\"", StringComparison.Ordinal) == true)?.Manager;
        return (live.Spec.Replicas, owner);
    }
}
