using Microsoft.Extensions.Logging;

namespace KubeEmulator;

/// <summary>Options for <see cref="EmulatorServer"/>. Every property has a documented default.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The port to bind on 127.0.0.1. Default 0: a free port chosen by the OS.</summary>
    public int Port { get; set; }

    /// <summary>The clock for timestamps and delayed rollouts. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The lowest log level written. Default Warning: no per-request logs.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>The rollout behaviour of deployments without a per-deployment setting. Default <see cref="RolloutMode.Immediate"/>.</summary>
    public RolloutMode DefaultRollout { get; set; } = RolloutMode.Immediate;

    /// <summary>How long a <see cref="RolloutMode.Delayed"/> rollout progresses before it becomes available. Default 5 seconds.</summary>
    public TimeSpan RolloutDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The version <c>/version</c> reports. Default v1.32.0.</summary>
    public string KubernetesVersion { get; set; } = "v1.32.0";

    /// <summary>Whether to create default, kube-system, kube-public and kube-node-lease at start. Default true.</summary>
    public bool CreateSystemNamespaces { get; set; } = true;

    /// <summary>
    /// Whether to act like the namespace controllers and the apiserver's bootstrap: every new namespace
    /// gets a <c>default</c> ServiceAccount and a <c>kube-root-ca.crt</c> ConfigMap, and <c>default</c>
    /// gets the <c>kubernetes</c> Service. Default false, so a fresh namespace lists empty.
    /// </summary>
    public bool PopulateNamespaces { get; set; }

    /// <summary>
    /// How long a newly created CustomResourceDefinition stays not established, on <see cref="TimeProvider"/>:
    /// until then its status says <c>Established=False</c>, its kinds are missing from discovery and requests
    /// for its objects answer 404, as on a real server that has not finished installing it. Default zero: at once.
    /// </summary>
    public TimeSpan CrdEstablishDelay { get; set; }

    /// <summary>
    /// When set, every Kubernetes API request (discovery included; the <c>/_emulator/</c> controls stay
    /// open) must carry <c>Authorization: Bearer</c> this token, else it is answered 401 Unauthorized
    /// as kube-apiserver does. Default null: any token, or none, is accepted.
    /// </summary>
    public string? RequiredBearerToken { get; set; }

    /// <summary>
    /// Serve HTTPS with a CA and a server certificate for 127.0.0.1 and localhost generated at start
    /// (<see cref="EmulatorServer.CaCertificatePem"/>). Default false: plain HTTP.
    /// </summary>
    public bool UseTls { get; set; }

    /// <summary>How many requests the request log keeps (oldest dropped first). Default 10000.</summary>
    public int MaxRecordedRequests { get; set; } = 10_000;

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be 0 (free port) or a TCP port.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (RolloutDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RolloutDelay), RolloutDelay, "RolloutDelay must not be negative.");
        }

        if (CrdEstablishDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CrdEstablishDelay), CrdEstablishDelay, "CrdEstablishDelay must not be negative.");
        }

        if (MaxRecordedRequests < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRecordedRequests), MaxRecordedRequests, "MaxRecordedRequests must not be negative.");
        }
    }
}
