using System.Text.Json.Nodes;
using GitOps.Core.Kubernetes;

namespace GitOps.Core.Health;

/// <summary>
/// kstatus rules over a live object: deletion first, then the observed generation, then the check of
/// the object's group/kind, else the generic <c>Stalled</c>/<c>Reconciling</c>/<c>Ready</c>
/// conditions. Pure: no I/O, no clock.
/// </summary>
public static partial class HealthEvaluator
{
    private static readonly Dictionary<(string Group, string Kind), Func<JsonObject, HealthResult>> Checks = new()
    {
        [("apps", "Deployment")] = DeploymentHealth,
        [("apps", "StatefulSet")] = StatefulSetHealth,
        [("apps", "DaemonSet")] = DaemonSetHealth,
        [("apps", "ReplicaSet")] = ReplicaSetHealth,
        [("batch", "Job")] = JobHealth,
        [(string.Empty, "PersistentVolumeClaim")] = ClaimHealth,
        [(string.Empty, "Service")] = ServiceHealth,
        [("networking.k8s.io", "Ingress")] = IngressHealth,
        [("apiextensions.k8s.io", "CustomResourceDefinition")] = CrdHealth,
    };

    /// <summary>The health of <paramref name="live"/>.</summary>
    public static ObjectHealth Evaluate(JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var reference = ObjectRef.From(live);
        var result = Check(reference, live);
        return new ObjectHealth(reference, result.Status, result.Message);
    }

    /// <summary>An applied object that the cluster does not have.</summary>
    public static ObjectHealth Missing(ObjectRef reference) => new(reference, HealthStatus.NotFound, "not found on the cluster");

    private static HealthResult Check(ObjectRef reference, JsonObject live)
    {
        if (live["metadata"]?["deletionTimestamp"] is not null)
        {
            return new HealthResult(HealthStatus.Terminating, "being deleted");
        }

        var status = live["status"] as JsonObject;
        var generation = Long(live["metadata"]?["generation"]);
        var observed = Long(status?["observedGeneration"]);
        if (generation is { } g && observed is { } o && g != o)
        {
            return HealthResult.InProgress($"generation {g} not yet observed (observed {o})");
        }

        if (Checks.TryGetValue((reference.Group, reference.Kind), out var check))
        {
            return check(live);
        }

        return Generic(status);
    }

    /// <summary>The conventions of custom resources: <c>Stalled</c>, <c>Reconciling</c>, <c>Ready</c>.</summary>
    private static HealthResult Generic(JsonObject? status)
    {
        if (status is null)
        {
            return HealthResult.Current("no status to wait for");
        }

        if (Condition(status, "Stalled") is { } stalled && Is(stalled, "True"))
        {
            return HealthResult.Failed($"stalled: {Describe(stalled)}");
        }

        if (Condition(status, "Reconciling") is { } reconciling && Is(reconciling, "True"))
        {
            return HealthResult.InProgress($"reconciling: {Describe(reconciling)}");
        }

        if (Condition(status, "Ready") is { } ready)
        {
            return Is(ready, "True") ? HealthResult.Current("ready") : HealthResult.InProgress($"not ready: {Describe(ready)}");
        }

        return HealthResult.Current("no condition to wait for");
    }

    private static JsonObject? Condition(JsonObject? status, string type)
        => (status?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    private static bool Is(JsonObject condition, string value) => string.Equals((string?)condition["status"], value, StringComparison.Ordinal);

    /// <summary><c>Reason: message</c> of a condition, whichever it has.</summary>
    private static string Describe(JsonObject condition)
    {
        var reason = (string?)condition["reason"];
        var message = (string?)condition["message"];
        return (reason, message) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $"{reason}: {message}",
            ({ Length: > 0 }, _) => reason!,
            (_, { Length: > 0 }) => message!,
            _ => $"condition {condition["type"]} is {condition["status"]}",
        };
    }

    private static long? Long(JsonNode? node)
        => node is JsonValue value && value.TryGetValue<long>(out var number) ? number
            : node is JsonValue text && text.TryGetValue<string>(out var s) && long.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed
            : null;

    private static long Count(JsonObject? status, string field) => Long(status?[field]) ?? 0;
}
