using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Serialization;

namespace KubeEmulator.Rollout;

/// <summary>
/// The emulated workload controllers: writes the status a Deployment, StatefulSet or DaemonSet
/// would reach, immediately or after a delay, or keeps a rollout stuck or failed on request.
/// </summary>
internal sealed class RolloutSimulator(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, RolloutMode> _modes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);
    private RolloutMode _defaultMode = options.DefaultRollout;

    public RolloutMode DefaultMode
    {
        get => _defaultMode;
        set => _defaultMode = value;
    }

    public void SetMode(string ns, string name, RolloutMode mode) => _modes[Key(ns, name)] = mode;

    public RolloutMode ModeFor(string ns, string name) => _modes.TryGetValue(Key(ns, name), out var mode) ? mode : _defaultMode;

    /// <summary>Keys (namespace/name) of delayed rollouts whose delay has passed.</summary>
    public IReadOnlyList<(string Namespace, string Name)> DueRollouts(DateTimeOffset now) =>
        [.. _pending.Where(p => p.Value <= now).Select(p => p.Key.Split('/', 2)).Select(k => (k[0], k[1]))];

    public void Forget(string ns, string name) => _pending.TryRemove(Key(ns, name), out _);

    /// <summary>Sets the status of a workload written with a new generation (or re-evaluated on request).</summary>
    public void UpdateStatus(ApiResource resource, JsonObject obj, bool force, DateTimeOffset now)
    {
        if (resource.IsCustom || resource.Group != "apps")
        {
            return;
        }

        var generation = JsonTree.GetLong(obj, "metadata", "generation") ?? 1;
        var observed = JsonTree.GetLong(obj, "status", "observedGeneration");
        if (!force && observed == generation)
        {
            return;
        }

        var ns = JsonTree.GetString(obj, "metadata", "namespace") ?? "";
        var name = JsonTree.GetString(obj, "metadata", "name") ?? "";
        switch (resource.Kind)
        {
            case "Deployment":
                DeploymentStatus(obj, ns, name, generation, now);
                break;
            case "StatefulSet":
                var replicas = JsonTree.GetLong(obj, "spec", "replicas") ?? 1;
                var revision = $"{name}-{TemplateHash(obj)}";
                obj["status"] = new JsonObject
                {
                    ["observedGeneration"] = generation, ["replicas"] = replicas, ["readyReplicas"] = replicas,
                    ["currentReplicas"] = replicas, ["updatedReplicas"] = replicas, ["availableReplicas"] = replicas,
                    ["currentRevision"] = revision, ["updateRevision"] = revision, ["collisionCount"] = 0,
                };
                break;
            case "DaemonSet":
                obj["status"] = new JsonObject
                {
                    ["observedGeneration"] = generation, ["currentNumberScheduled"] = 1, ["desiredNumberScheduled"] = 1,
                    ["numberAvailable"] = 1, ["numberMisscheduled"] = 0, ["numberReady"] = 1, ["updatedNumberScheduled"] = 1,
                };
                break;
        }
    }

    private void DeploymentStatus(JsonObject obj, string ns, string name, long generation, DateTimeOffset now)
    {
        var replicas = JsonTree.GetLong(obj, "spec", "replicas") ?? 1;
        var replicaSet = $"{name}-{TemplateHash(obj)}";
        var time = Timestamps.Format(now);
        var mode = ModeFor(ns, name);
        if (mode == RolloutMode.Delayed)
        {
            var key = Key(ns, name);
            var due = _pending.GetOrAdd(key, now + options.RolloutDelay);
            if (due <= now)
            {
                _pending.TryRemove(key, out _);
                mode = RolloutMode.Immediate;
            }
        }
        else
        {
            Forget(ns, name);
        }

        var status = new JsonObject { ["observedGeneration"] = generation, ["replicas"] = replicas, ["updatedReplicas"] = replicas };
        if (mode == RolloutMode.Immediate)
        {
            status["readyReplicas"] = replicas;
            status["availableReplicas"] = replicas;
            status["conditions"] = new JsonArray(
                Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", time),
                Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{replicaSet}\" has successfully progressed.", time));
        }
        else
        {
            status["unavailableReplicas"] = replicas;
            status["conditions"] = new JsonArray(
                Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", time),
                mode == RolloutMode.Failed
                    ? Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{replicaSet}\" has timed out progressing.", time)
                    : Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{replicaSet}\" is progressing.", time));
        }

        obj["status"] = status;
    }

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

    private static string Key(string ns, string name) => ns + "/" + name;
}
