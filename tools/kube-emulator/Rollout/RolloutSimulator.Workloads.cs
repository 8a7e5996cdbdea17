using System.Text.Json.Nodes;
using KubeEmulator.Serialization;

namespace KubeEmulator.Rollout;

/// <content>The apps/v1 controllers: Deployment, StatefulSet, DaemonSet.</content>
internal sealed partial class RolloutSimulator
{
    private static void DeploymentStatus(JsonObject obj, string name, RolloutMode mode, string time)
    {
        var replicas = JsonTree.GetLong(obj, "spec", "replicas") ?? 1;
        var replicaSet = $"{name}-{TemplateHash(obj)}";
        var status = new JsonObject { ["observedGeneration"] = Generation(obj), ["replicas"] = replicas, ["updatedReplicas"] = replicas };
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

    private static void StatefulSetStatus(JsonObject obj, string name, RolloutMode mode)
    {
        var replicas = JsonTree.GetLong(obj, "spec", "replicas") ?? 1;
        var revision = $"{name}-{TemplateHash(obj)}";
        var ready = mode == RolloutMode.Immediate ? replicas : 0;
        var previous = JsonTree.GetString(obj, "status", "currentRevision") ?? revision;
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = Generation(obj),
            ["replicas"] = replicas,
            ["readyReplicas"] = ready,
            ["currentReplicas"] = ready,
            ["updatedReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["currentRevision"] = mode == RolloutMode.Immediate ? revision : previous,
            ["updateRevision"] = revision,
            ["collisionCount"] = 0,
        };
    }

    private static void DaemonSetStatus(JsonObject obj, RolloutMode mode)
    {
        var ready = mode == RolloutMode.Immediate ? 1 : 0;
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = Generation(obj),
            ["currentNumberScheduled"] = 1,
            ["desiredNumberScheduled"] = 1,
            ["numberAvailable"] = ready,
            ["numberMisscheduled"] = 0,
            ["numberReady"] = ready,
            ["updatedNumberScheduled"] = ready,
        };
        if (ready == 0)
        {
            ((JsonObject)obj["status"]!)["numberUnavailable"] = 1;
        }
    }

    private static long Generation(JsonObject obj) => JsonTree.GetLong(obj, "metadata", "generation") ?? 1;
}
