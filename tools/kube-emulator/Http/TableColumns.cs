using System.Globalization;
using System.Text.Json.Nodes;
using KubeEmulator.Serialization;

namespace KubeEmulator.Http;

/// <summary>The columns <c>kubectl get</c> shows per kind (a subset of the real printers), and their cells.</summary>
internal static class TableColumns
{
    public static IReadOnlyList<(string Name, string Type, Func<JsonObject, JsonNode?> Cell)> For(string kind) => kind switch
    {
        "Deployment" =>
        [
            ("Ready", "string", o => $"{Long(o, "status", "readyReplicas")}/{Long(o, "spec", "replicas")}"),
            ("Up-to-date", "integer", o => Long(o, "status", "updatedReplicas")),
            ("Available", "integer", o => Long(o, "status", "availableReplicas")),
        ],
        "StatefulSet" => [("Ready", "string", o => $"{Long(o, "status", "readyReplicas")}/{Long(o, "spec", "replicas")}")],
        "Pod" =>
        [
            ("Ready", "string", o => $"{(o["status"]?["containerStatuses"] as JsonArray ?? []).Count(c => c?["ready"]?.GetValue<bool>() == true)}/{(o["spec"]?["containers"] as JsonArray ?? []).Count}"),
            ("Status", "string", o => JsonTree.GetString(o, "status", "phase") ?? "Pending"),
            ("Restarts", "integer", o => (o["status"]?["containerStatuses"] as JsonArray ?? []).Sum(c => JsonTree.GetLong(c, "restartCount") ?? 0)),
        ],
        "Service" =>
        [
            ("Type", "string", o => JsonTree.GetString(o, "spec", "type") ?? "ClusterIP"),
            ("Cluster-IP", "string", o => JsonTree.GetString(o, "spec", "clusterIP") ?? "<none>"),
            ("External-IP", "string", o => JsonTree.GetString(o["status"]?["loadBalancer"]?["ingress"]?[0], "ip") ?? "<none>"),
            ("Port(s)", "string", o => string.Join(",", (o["spec"]?["ports"] as JsonArray ?? []).Select(p => $"{JsonTree.GetLong(p, "port")}/{JsonTree.GetString(p, "protocol") ?? "TCP"}"))),
        ],
        "Ingress" =>
        [
            ("Class", "string", o => JsonTree.GetString(o, "spec", "ingressClassName") ?? "<none>"),
            ("Hosts", "string", o => string.Join(",", (o["spec"]?["rules"] as JsonArray ?? []).Select(r => JsonTree.GetString(r, "host") ?? "*")) is { Length: > 0 } hosts ? hosts : "*"),
            ("Address", "string", o => JsonTree.GetString(o["status"]?["loadBalancer"]?["ingress"]?[0], "ip") ?? ""),
            ("Ports", "string", o => o["spec"]?["tls"] is JsonArray { Count: > 0 } ? "80, 443" : "80"),
        ],
        "ConfigMap" => [("Data", "integer", o => ((o["data"] as JsonObject)?.Count ?? 0) + ((o["binaryData"] as JsonObject)?.Count ?? 0))],
        "Secret" =>
        [
            ("Type", "string", o => JsonTree.GetString(o, "type") ?? "Opaque"),
            ("Data", "integer", o => (o["data"] as JsonObject)?.Count ?? 0),
        ],
        "Namespace" => [("Status", "string", o => JsonTree.GetString(o, "status", "phase") ?? "Active")],
        "Job" =>
        [
            ("Status", "string", o => JobState(o)),
            ("Completions", "string", o => $"{Long(o, "status", "succeeded")}/{JsonTree.GetLong(o, "spec", "completions") ?? 1}"),
        ],
        "PersistentVolumeClaim" =>
        [
            ("Status", "string", o => JsonTree.GetString(o, "status", "phase") ?? "Pending"),
            ("Volume", "string", o => JsonTree.GetString(o, "spec", "volumeName") ?? ""),
            ("Capacity", "string", o => JsonTree.GetString(o, "status", "capacity", "storage") ?? ""),
        ],
        _ => [],
    };

    /// <summary>The age as kubectl prints it: 45s, 3m20s, 12m, 5h10m, 2d3h, 40d, 2y10d.</summary>
    public static string HumanAge(string? timestamp, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
        {
            return "<unknown>";
        }

        var age = now - created;
        if (age < TimeSpan.Zero)
        {
            return age > TimeSpan.FromSeconds(-2) ? "0s" : "<invalid>";
        }

        var seconds = (long)age.TotalSeconds;
        var minutes = seconds / 60;
        var hours = minutes / 60;
        var days = hours / 24;
        return seconds switch
        {
            < 120 => $"{seconds}s",
            _ when minutes < 10 => seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s",
            _ when minutes < 180 => $"{minutes}m",
            _ when hours < 8 => minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m",
            _ when hours < 48 => $"{hours}h",
            _ when hours < 192 => hours % 24 == 0 ? $"{days}d" : $"{days}d{hours % 24}h",
            _ when days < 730 => $"{days}d",
            _ => $"{days / 365}y{days % 365}d",
        };
    }

    private static long Long(JsonObject obj, params string[] path) => JsonTree.GetLong(obj, path) ?? 0;

    private static string JobState(JsonObject job)
    {
        var conditions = job["status"]?["conditions"] as JsonArray ?? [];
        return conditions.Any(c => JsonTree.GetString(c, "type") == "Complete") ? "Complete"
            : conditions.Any(c => JsonTree.GetString(c, "type") == "Failed") ? "Failed"
            : "Running";
    }
}
