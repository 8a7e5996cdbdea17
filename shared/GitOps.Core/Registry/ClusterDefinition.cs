namespace GitOps.Core.Registry;

/// <summary>
/// A Kubernetes cluster the product applies to, and how to connect to it: a kubeconfig (a file, or a
/// setting holding the document), or a <see cref="Server"/> URL with a bearer token from a setting
/// (and optionally a CA bundle from a setting), or a <see cref="Server"/> of AKS with Microsoft
/// Entra ID (<see cref="AzureAuth"/>). The registry holds setting names, never secrets.
/// </summary>
/// <param name="Name">Unique name (DNS label).</param>
/// <param name="KubeconfigFile">Path of a kubeconfig file.</param>
/// <param name="KubeconfigSetting">Name of the setting that holds a kubeconfig document; never the document itself.</param>
/// <param name="Context">The kubeconfig context to use; default: its current-context.</param>
public sealed record ClusterDefinition(string Name, string? KubeconfigFile = null, string? KubeconfigSetting = null, string? Context = null)
{
    /// <summary>The API server's https URL (with <see cref="TokenSetting"/> or <see cref="AzureAuth"/>).</summary>
    public string? Server { get; init; }

    /// <summary>Name of the setting holding a bearer token for <see cref="Server"/>.</summary>
    public string? TokenSetting { get; init; }

    /// <summary>Name of the setting holding the CA bundle (PEM) that signed <see cref="Server"/>'s certificate; default: the system's trust.</summary>
    public string? CaSetting { get; init; }

    /// <summary>AKS with Microsoft Entra ID: tokens from <c>DefaultAzureCredential</c> for the AKS server application.</summary>
    public bool AzureAuth { get; init; }

    /// <summary>Skip TLS verification (a lab cluster with a self-signed certificate). Default false: always verified.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>How it connects, for listings: <c>file ...</c>, <c>setting ...</c>, <c>token SETTING @ https://...</c>, <c>azure @ https://...</c>.</summary>
    public string ConnectionSummary()
        => KubeconfigSetting is { } setting ? $"setting {setting}"
            : KubeconfigFile is { } file ? $"file {file}"
            : AzureAuth ? $"azure @ {Server}"
            : $"token {TokenSetting} @ {Server}";
}
