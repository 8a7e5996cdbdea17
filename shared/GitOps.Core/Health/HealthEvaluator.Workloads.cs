using System.Text.Json.Nodes;

namespace GitOps.Core.Health;

/// <content>apps/v1 workloads: Deployment, StatefulSet, DaemonSet, ReplicaSet.</content>
public static partial class HealthEvaluator
{
    private static HealthResult DeploymentHealth(JsonObject live)
    {
        if (live["status"] is not JsonObject status)
        {
            return HealthResult.InProgress("no status yet");
        }

        if (Condition(status, "Progressing") is { } progressing && (string?)progressing["reason"] == "ProgressDeadlineExceeded")
        {
            return HealthResult.Failed($"progress deadline exceeded: {(string?)progressing["message"] ?? "the rollout timed out"}");
        }

        var wanted = Long(live["spec"]?["replicas"]) ?? 1;
        var updated = Count(status, "updatedReplicas");
        var total = Count(status, "replicas");
        var available = Count(status, "availableReplicas");
        var ready = Count(status, "readyReplicas");
        if (updated < wanted)
        {
            return HealthResult.InProgress($"{updated} of {wanted} replicas updated");
        }

        if (total > updated)
        {
            return HealthResult.InProgress($"{total - updated} old replica(s) pending termination");
        }

        if (available < wanted)
        {
            return HealthResult.InProgress($"{available} of {wanted} replicas available");
        }

        if (ready < wanted)
        {
            return HealthResult.InProgress($"{ready} of {wanted} replicas ready");
        }

        return HealthResult.Current($"{available} of {wanted} replicas available");
    }

    private static HealthResult StatefulSetHealth(JsonObject live)
    {
        if (live["status"] is not JsonObject status)
        {
            return HealthResult.InProgress("no status yet");
        }

        var wanted = Long(live["spec"]?["replicas"]) ?? 1;
        var ready = Count(status, "readyReplicas");
        var current = Count(status, "currentReplicas");
        if (ready < wanted)
        {
            return HealthResult.InProgress($"{ready} of {wanted} replicas ready");
        }

        if ((string?)live["spec"]?["updateStrategy"]?["type"] == "OnDelete")
        {
            return HealthResult.Current($"{ready} of {wanted} replicas ready (OnDelete updates)");
        }

        var updateRevision = (string?)status["updateRevision"];
        if (updateRevision is { Length: > 0 } && updateRevision != (string?)status["currentRevision"])
        {
            return HealthResult.InProgress($"rolling update: {Count(status, "updatedReplicas")} of {wanted} replicas updated");
        }

        if (current < wanted)
        {
            return HealthResult.InProgress($"{current} of {wanted} replicas current");
        }

        return HealthResult.Current($"{ready} of {wanted} replicas ready");
    }

    private static HealthResult DaemonSetHealth(JsonObject live)
    {
        if (live["status"] is not JsonObject status)
        {
            return HealthResult.InProgress("no status yet");
        }

        var desired = Count(status, "desiredNumberScheduled");
        var scheduled = Count(status, "currentNumberScheduled");
        var updated = Count(status, "updatedNumberScheduled");
        var available = Count(status, "numberAvailable");
        var ready = Count(status, "numberReady");
        if (scheduled < desired)
        {
            return HealthResult.InProgress($"{scheduled} of {desired} pods scheduled");
        }

        if (updated < desired)
        {
            return HealthResult.InProgress($"{updated} of {desired} pods updated");
        }

        if (available < desired)
        {
            return HealthResult.InProgress($"{available} of {desired} pods available");
        }

        if (ready < desired)
        {
            return HealthResult.InProgress($"{ready} of {desired} pods ready");
        }

        return HealthResult.Current($"{available} of {desired} pods available");
    }

    private static HealthResult ReplicaSetHealth(JsonObject live)
    {
        if (live["status"] is not JsonObject status)
        {
            return HealthResult.InProgress("no status yet");
        }

        if (Condition(status, "ReplicaFailure") is { } failure && Is(failure, "True"))
        {
            return HealthResult.Failed($"replica failure: {Describe(failure)}");
        }

        var wanted = Long(live["spec"]?["replicas"]) ?? 1;
        var available = Count(status, "availableReplicas");
        var ready = Count(status, "readyReplicas");
        if (available < wanted)
        {
            return HealthResult.InProgress($"{available} of {wanted} replicas available");
        }

        if (ready < wanted)
        {
            return HealthResult.InProgress($"{ready} of {wanted} replicas ready");
        }

        return HealthResult.Current($"{available} of {wanted} replicas available");
    }
}
