using GitOps.Core.Http;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using GitOps.Core.Registry;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Core.Kubernetes;

/// <summary>
/// Opens a <see cref="ClusterClient"/> for a registered cluster: from its kubeconfig (a file, or a
/// setting holding the document), from a server URL with a bearer token and CA bundle read from
/// settings, or for AKS with Microsoft Entra ID. TLS is verified unless the registry says
/// <c>insecureSkipTlsVerify</c>. Secrets (tokens, kubeconfig content) never reach a message: errors
/// name the cluster and the setting, and parse errors are reported by type only.
/// </summary>
public sealed class ClusterConnector
{
    private readonly IConfiguration _configuration;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private readonly HttpRetryOptions _retry;
    private readonly TokenCredential _credential;
    private readonly ConcurrentDictionary<ClusterDefinition, DiscoveryCache> _discovery = new();
    private readonly ConcurrentDictionary<ClusterDefinition, AzureTokenProvider> _azureTokens = new();

    public ClusterConnector(IConfiguration configuration, ILoggerFactory loggerFactory, TimeProvider time, IOptions<HttpRetryOptions> retry, TokenCredential credential)
    {
        _configuration = configuration;
        _loggerFactory = loggerFactory;
        _time = time;
        _retry = retry.Value;
        _credential = credential;
    }

    public ClusterClient Connect(ClusterDefinition cluster)
    {
        var config = Configure(cluster);
        if (cluster.InsecureSkipTlsVerify)
        {
            config.SkipTlsVerify = true;
        }

        // Discovery is kept per cluster definition: a changed definition (another server) starts afresh.
        var discovery = _discovery.GetOrAdd(cluster, _ => new DiscoveryCache(_time));
        var logger = _loggerFactory.CreateLogger<ClusterClient>();
        return new ClusterClient(cluster.Name, new KubeApiClient(config, new RetryHandler($"Cluster {cluster.Name}", _retry, _time, logger)), discovery, logger);
    }

    private KubernetesClientConfiguration Configure(ClusterDefinition cluster)
    {
        if (!string.IsNullOrEmpty(cluster.KubeconfigFile))
        {
            if (!File.Exists(cluster.KubeconfigFile))
            {
                throw new InvalidOperationException($"cluster/{cluster.Name}: kubeconfig file '{cluster.KubeconfigFile}' does not exist.");
            }

            return Build(cluster, "kubeconfig", () => KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigFile, cluster.Context));
        }

        if (!string.IsNullOrEmpty(cluster.KubeconfigSetting))
        {
            var document = Setting(cluster, cluster.KubeconfigSetting, "its kubeconfig");
            return Build(cluster, "kubeconfig", () =>
            {
                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(document));
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(stream, cluster.Context);
            });
        }

        if (string.IsNullOrEmpty(cluster.Server))
        {
            throw new InvalidOperationException($"cluster/{cluster.Name}: names neither a kubeconfig nor a server to connect to.");
        }

        var config = new KubernetesClientConfiguration { Host = cluster.Server };
        if (cluster.CaSetting is { } caSetting)
        {
            var pem = Setting(cluster, caSetting, "its CA bundle");
            config.SslCaCerts = Build(cluster, $"CA bundle in setting '{caSetting}'", () =>
            {
                var certificates = new X509Certificate2Collection();
                certificates.ImportFromPem(pem);
                return certificates.Count > 0 ? certificates : throw new CryptographicException("no certificate in the PEM");
            });
        }

        if (cluster.AzureAuth)
        {
            config.TokenProvider = _azureTokens.GetOrAdd(cluster, c => new AzureTokenProvider(_credential, _time, c.Name));
        }
        else if (cluster.TokenSetting is { } tokenSetting)
        {
            config.AccessToken = Setting(cluster, tokenSetting, "its bearer token").Trim();
        }
        else
        {
            throw new InvalidOperationException($"cluster/{cluster.Name}: server '{cluster.Server}' needs tokenSetting or azureAuth: true.");
        }

        return config;
    }

    private string Setting(ClusterDefinition cluster, string setting, string what)
    {
        var value = _configuration[setting];
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"cluster/{cluster.Name}: the setting '{setting}' that should hold {what} is empty or missing.")
            : value;
    }

    private static T Build<T>(ClusterDefinition cluster, string what, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The inner exception may quote the document (tokens, keys): keep only its type.
            throw new InvalidOperationException($"cluster/{cluster.Name}: the {what} cannot be read ({e.GetType().Name}).");
        }
    }
}
