using System.Collections.Concurrent;
using GitOps.Core.Registry;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Kubernetes;

/// <summary>
/// Opens a <see cref="ClusterClient"/> for a registered cluster from its kubeconfig (a file, or a
/// setting holding the document). Kubeconfig content never reaches a message: parse errors are
/// reported by type only.
/// </summary>
public sealed class ClusterConnector
{
    private readonly IConfiguration _configuration;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<ClusterDefinition, DiscoveryCache> _discovery = new();

    public ClusterConnector(IConfiguration configuration, ILoggerFactory loggerFactory, TimeProvider time)
    {
        _configuration = configuration;
        _loggerFactory = loggerFactory;
        _time = time;
    }

    public ClusterClient Connect(ClusterDefinition cluster)
    {
        KubernetesClientConfiguration config;
        if (!string.IsNullOrEmpty(cluster.KubeconfigFile))
        {
            if (!File.Exists(cluster.KubeconfigFile))
            {
                throw new InvalidOperationException($"cluster/{cluster.Name}: kubeconfig file '{cluster.KubeconfigFile}' does not exist.");
            }

            config = Build(cluster, () => KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigFile, cluster.Context));
        }
        else if (!string.IsNullOrEmpty(cluster.KubeconfigSetting))
        {
            var document = _configuration[cluster.KubeconfigSetting];
            if (string.IsNullOrWhiteSpace(document))
            {
                throw new InvalidOperationException($"cluster/{cluster.Name}: the setting '{cluster.KubeconfigSetting}' that should hold its kubeconfig is empty or missing.");
            }

            config = Build(cluster, () =>
            {
                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(document));
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(stream, cluster.Context);
            });
        }
        else
        {
            throw new InvalidOperationException($"cluster/{cluster.Name}: names neither a kubeconfig file nor a kubeconfig setting.");
        }

        // Discovery is kept per cluster definition: a changed definition (another server) starts afresh.
        var discovery = _discovery.GetOrAdd(cluster, _ => new DiscoveryCache(_time));
        return new ClusterClient(cluster.Name, new KubeApiClient(config), discovery, _loggerFactory.CreateLogger<ClusterClient>());
    }

    private static KubernetesClientConfiguration Build(ClusterDefinition cluster, Func<KubernetesClientConfiguration> build)
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The inner exception may quote the kubeconfig (tokens, keys): keep only its type.
            throw new InvalidOperationException($"cluster/{cluster.Name}: the kubeconfig cannot be read ({e.GetType().Name}).");
        }
    }
}
