using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Serialization;

namespace KubeEmulator.Rollout;

/// <content>Jobs, pods, claims and load balancers: the statuses health checks read.</content>
internal sealed partial class RolloutSimulator
{
    private static void JobStatus(JsonObject obj, RolloutMode mode, string time)
    {
        var status = new JsonObject { ["startTime"] = time, ["ready"] = 0, ["terminating"] = 0, ["uncountedTerminatedPods"] = new JsonObject() };
        switch (mode)
        {
            case RolloutMode.Immediate:
                status["succeeded"] = JsonTree.GetLong(obj, "spec", "completions") ?? 1;
                status["completionTime"] = time;
                status["conditions"] = new JsonArray(
                    JobCondition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", time),
                    JobCondition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", time));
                break;
            case RolloutMode.Failed:
                status["failed"] = (JsonTree.GetLong(obj, "spec", "backoffLimit") ?? 6) + 1;
                status["conditions"] = new JsonArray(
                    JobCondition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit", time),
                    JobCondition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", time));
                break;
            default:
                status["active"] = JsonTree.GetLong(obj, "spec", "parallelism") ?? 1;
                break;
        }

        obj["status"] = status;
    }

    private static void PodStatus(JsonObject obj, RolloutMode mode, string time)
    {
        var running = mode == RolloutMode.Immediate;
        var ready = running ? "True" : "False";
        var containers = new JsonArray();
        foreach (var container in (obj["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            containers.Add(new JsonObject
            {
                ["name"] = container["name"]?.DeepClone(),
                ["image"] = container["image"]?.DeepClone(),
                ["imageID"] = "",
                ["ready"] = running,
                ["started"] = running,
                ["restartCount"] = mode == RolloutMode.Failed ? 5 : 0,
                ["state"] = mode switch
                {
                    RolloutMode.Immediate => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = time } },
                    RolloutMode.Failed => new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = "back-off restarting failed container" } },
                    _ => new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
                },
            });
        }

        obj["status"] = new JsonObject
        {
            ["phase"] = mode == RolloutMode.Stuck ? "Pending" : "Running",
            ["conditions"] = new JsonArray(
                PodCondition("PodScheduled", "True", time),
                PodCondition("Initialized", "True", time),
                PodCondition("ContainersReady", ready, time),
                PodCondition("Ready", ready, time)),
            ["hostIP"] = "172.18.0.2",
            ["podIP"] = "10.244.0." + (((JsonTree.GetString(obj, "metadata", "uid") ?? "").Sum(c => c) % 250) + 2),
            ["startTime"] = time,
            ["qosClass"] = "BestEffort",
            ["containerStatuses"] = containers,
        };
    }

    private static void ClaimStatus(JsonObject obj, RolloutMode mode)
    {
        if (mode != RolloutMode.Immediate)
        {
            obj["status"] = new JsonObject { ["phase"] = "Pending" };
            return;
        }

        var spec = JsonTree.EnsureObject(obj, "spec");
        JsonTree.Default(spec, "volumeName", "pvc-" + JsonTree.GetString(obj, "metadata", "uid"));
        JsonTree.Default(spec, "storageClassName", "standard");
        JsonTree.Default(spec, "volumeMode", "Filesystem");
        obj["status"] = new JsonObject
        {
            ["phase"] = "Bound",
            ["accessModes"] = spec["accessModes"]?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
            ["capacity"] = new JsonObject { ["storage"] = spec["resources"]?["requests"]?["storage"]?.DeepClone() ?? "1Gi" },
        };
    }

    private static void LoadBalancerStatus(ApiResource resource, JsonObject obj, RolloutMode mode)
    {
        var wantsAddress = resource.Kind == "Ingress" || JsonTree.GetString(obj, "spec", "type") == "LoadBalancer";
        var loadBalancer = new JsonObject();
        if (wantsAddress && mode == RolloutMode.Immediate)
        {
            var ingress = new JsonObject { ["ip"] = "172.18.255.200" };
            if (resource.Kind == "Service")
            {
                ingress["ipMode"] = "VIP";
            }

            loadBalancer["ingress"] = new JsonArray(ingress);
        }

        obj["status"] = new JsonObject { ["loadBalancer"] = loadBalancer };
    }

    private static JsonObject JobCondition(string type, string reason, string message, string time) => new()
    {
        ["type"] = type, ["status"] = "True", ["lastProbeTime"] = time, ["lastTransitionTime"] = time, ["reason"] = reason, ["message"] = message,
    };

    private static JsonObject PodCondition(string type, string status, string time) => new()
    {
        ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = time,
    };
}
