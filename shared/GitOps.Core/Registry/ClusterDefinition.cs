namespace GitOps.Core.Registry;

/// <summary>A Kubernetes cluster the product applies to, and how to connect to it.</summary>
/// <param name="Name">Unique name (DNS label).</param>
/// <param name="KubeconfigFile">Path of a kubeconfig file.</param>
/// <param name="KubeconfigSetting">Name of the setting that holds a kubeconfig document; never the document itself.</param>
/// <param name="Context">The kubeconfig context to use; default: its current-context.</param>
public sealed record ClusterDefinition(string Name, string? KubeconfigFile = null, string? KubeconfigSetting = null, string? Context = null);
