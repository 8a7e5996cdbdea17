using System.Text.Json.Nodes;

namespace GitOps.Core.Health;

/// <content>Jobs, claims, load balancers, ingresses and CRDs.</content>
public static partial class HealthEvaluator
{
    private static HealthResult JobHealth(JsonObject live)
    {
        var status = live["status"] as JsonObject;
        if (Condition(status, "Failed") is { } failed && Is(failed, "True"))
        {
            return HealthResult.Failed($"job failed: {Describe(failed)}");
        }

        if (Condition(status, "Complete") is { } complete && Is(complete, "True"))
        {
            return HealthResult.Current($"job completed: {Count(status, "succeeded")} succeeded");
        }

        return HealthResult.InProgress($"job running: {Count(status, "active")} active, {Count(status, "succeeded")} succeeded, {Count(status, "failed")} failed");
    }

    private static HealthResult ClaimHealth(JsonObject live)
    {
        var phase = (string?)live["status"]?["phase"];
        return phase switch
        {
            "Bound" => HealthResult.Current("bound"),
            "Lost" => HealthResult.Failed("claim lost its volume"),
            _ => HealthResult.InProgress($"claim is {phase ?? "without a phase"}, not yet bound"),
        };
    }

    private static HealthResult ServiceHealth(JsonObject live)
    {
        if ((string?)live["spec"]?["type"] != "LoadBalancer")
        {
            return HealthResult.Current("service");
        }

        return HasIngress(live)
            ? HealthResult.Current("load balancer address assigned")
            : HealthResult.InProgress("waiting for a load balancer address");
    }

    private static HealthResult IngressHealth(JsonObject live)
        => HasIngress(live)
            ? HealthResult.Current("load balancer address assigned")
            : HealthResult.InProgress("waiting for a load balancer address");

    private static HealthResult CrdHealth(JsonObject live)
    {
        var status = live["status"] as JsonObject;
        if (Condition(status, "NamesAccepted") is { } names && Is(names, "False"))
        {
            return HealthResult.Failed($"names not accepted: {Describe(names)}");
        }

        return Condition(status, "Established") is { } established && Is(established, "True")
            ? HealthResult.Current("established")
            : HealthResult.InProgress("not yet established");
    }

    private static bool HasIngress(JsonObject live)
        => live["status"]?["loadBalancer"]?["ingress"] is JsonArray { Count: > 0 };
}
