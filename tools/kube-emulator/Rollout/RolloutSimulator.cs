using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Serialization;

namespace KubeEmulator.Rollout;

/// <summary>
/// The emulated controllers: write the status a Deployment, StatefulSet, DaemonSet, Job, Pod,
/// PersistentVolumeClaim, LoadBalancer Service or Ingress would reach, immediately or after a
/// delay, or keep it stuck or failed on request (per namespace/name, for whatever kind has that name).
/// </summary>
internal sealed partial class RolloutSimulator(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, RolloutMode> _modes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);
    private volatile RolloutMode _defaultMode = options.DefaultRollout;

    public RolloutMode DefaultMode
    {
        get => _defaultMode;
        set => _defaultMode = value;
    }

    public static bool Simulates(ApiResource resource) =>
        !resource.IsCustom && resource.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "Job" or "Pod"
            or "PersistentVolumeClaim" or "Service" or "Ingress";

    public void SetMode(string ns, string name, RolloutMode mode) => _modes[ns + "/" + name] = mode;

    /// <summary>Delayed rollouts whose delay has passed: (group, plural, namespace, name).</summary>
    public IReadOnlyList<(string Group, string Plural, string Namespace, string Name)> DueRollouts(DateTimeOffset now) =>
        [.. _pending.Where(p => p.Value <= now).Select(p => p.Key.Split('|', 4)).Select(k => (k[0], k[1], k[2], k[3]))];

    public void Forget(ApiResource resource, string ns, string name) => _pending.TryRemove(PendingKey(resource, ns, name), out _);

    /// <summary>
    /// Sets the status the controller would report. <paramref name="specChanged"/> restarts a delayed
    /// rollout; otherwise (a re-evaluation) a pending delay keeps running.
    /// </summary>
    public void UpdateStatus(ApiResource resource, JsonObject obj, bool specChanged, DateTimeOffset now)
    {
        if (!Simulates(resource))
        {
            return;
        }

        var ns = JsonTree.GetString(obj, "metadata", "namespace") ?? "";
        var name = JsonTree.GetString(obj, "metadata", "name") ?? "";
        var mode = EffectiveMode(resource, ns, name, specChanged, now);
        var time = Timestamps.Format(now);
        switch (resource.Kind)
        {
            case "Deployment":
                DeploymentStatus(obj, name, mode, time);
                break;
            case "StatefulSet":
                StatefulSetStatus(obj, name, mode);
                break;
            case "DaemonSet":
                DaemonSetStatus(obj, mode);
                break;
            case "Job":
                JobStatus(obj, mode, time);
                break;
            case "Pod":
                PodStatus(obj, mode, time);
                break;
            case "PersistentVolumeClaim":
                ClaimStatus(obj, mode);
                break;
            case "Service" or "Ingress":
                LoadBalancerStatus(resource, obj, mode);
                break;
        }
    }

    /// <summary>The mode in force now: a pending delay reads as <see cref="RolloutMode.Stuck"/>, an elapsed one as <see cref="RolloutMode.Immediate"/>.</summary>
    private RolloutMode EffectiveMode(ApiResource resource, string ns, string name, bool restart, DateTimeOffset now)
    {
        var mode = _modes.TryGetValue(ns + "/" + name, out var chosen) ? chosen : _defaultMode;
        var key = PendingKey(resource, ns, name);
        if (mode != RolloutMode.Delayed)
        {
            _pending.TryRemove(key, out _);
            return mode;
        }

        if (restart)
        {
            _pending.TryRemove(key, out _);
        }

        var due = _pending.GetOrAdd(key, now + options.RolloutDelay);
        if (due > now)
        {
            return RolloutMode.Stuck;
        }

        _pending.TryRemove(key, out _);
        return RolloutMode.Immediate;
    }

    private static string PendingKey(ApiResource resource, string ns, string name) => $"{resource.Group}|{resource.Plural}|{ns}|{name}";

    private static JsonObject Condition(string type, string status, string reason, string message, string time) => new()
    {
        ["type"] = type, ["status"] = status, ["lastUpdateTime"] = time, ["lastTransitionTime"] = time,
        ["reason"] = reason, ["message"] = message,
    };

    /// <summary>A pod-template-hash lookalike: 10 characters from the template's content.</summary>
    private static string TemplateHash(JsonObject obj)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(obj["spec"]?["template"]?.ToJsonString() ?? ""));
        return new string([.. bytes.Take(10).Select(b => alphabet[b % alphabet.Length])]);
    }
}
