using System.Text;
using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Serialization;

namespace KubeEmulator.Defaulting;

/// <summary>
/// Server-side defaulting, run on every write as the real API server does when it decodes a
/// request, so that live objects carry the fields a real cluster adds.
/// </summary>
internal sealed class ObjectDefaulter(ClusterIpAllocator clusterIps)
{
    /// <summary>Map-typed fields (Go maps with omitempty): empty, they are not stored. Empty structs are, so other empty objects stay.</summary>
    private static readonly HashSet<string> MapFields = new(StringComparer.Ordinal)
    {
        "labels", "annotations", "data", "binaryData", "stringData", "matchLabels", "nodeSelector", "limits", "requests", "hard", "parameters",
    };

    /// <summary>
    /// What Go's <c>omitempty</c> drops when a built-in object is decoded and stored: empty slices (every
    /// JSON list of a built-in kind is one) and empty maps. Custom resources are stored as sent.
    /// </summary>
    internal static void DropOmittedEmpties(JsonObject obj)
    {
        foreach (var (key, value) in obj.ToList())
        {
            switch (value)
            {
                case JsonArray { Count: 0 }:
                case JsonObject { Count: 0 } when MapFields.Contains(key):
                    obj.Remove(key);
                    break;
                case JsonObject child:
                    DropOmittedEmpties(child);
                    break;
                case JsonArray list:
                    foreach (var item in list.OfType<JsonObject>())
                    {
                        DropOmittedEmpties(item);
                    }

                    break;
            }
        }
    }

    public void Apply(ApiResource resource, JsonObject obj, JsonObject? old)
    {
        if (resource.IsCustom)
        {
            return;
        }

        DropOmittedEmpties(obj);
        CanonicalizeQuantities(resource, obj);
        var spec = obj["spec"] as JsonObject;
        switch (resource.Kind)
        {
            case "Namespace":
                DefaultNamespace(obj);
                break;
            case "Secret":
                DefaultSecret(obj);
                break;
            case "Service":
                DefaultService(obj, old);
                break;
            case "Deployment":
                DefaultDeployment(obj);
                break;
            case "StatefulSet" when spec is not null:
                JsonTree.Default(spec, "replicas", 1);
                JsonTree.Default(spec, "podManagementPolicy", "OrderedReady");
                JsonTree.Default(spec, "revisionHistoryLimit", 10);
                JsonTree.Default(spec, "updateStrategy", new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } });
                JsonTree.Default(spec, "persistentVolumeClaimRetentionPolicy", new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Retain" });
                PodDefaults.Apply(spec["template"]?["spec"] as JsonObject);
                break;
            case "DaemonSet" when spec is not null:
                JsonTree.Default(spec, "revisionHistoryLimit", 10);
                JsonTree.Default(spec, "updateStrategy", new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 } });
                PodDefaults.Apply(spec["template"]?["spec"] as JsonObject);
                break;
            case "Job" when spec is not null:
                JsonTree.Default(spec, "backoffLimit", 6);
                JsonTree.Default(spec, "completions", 1);
                JsonTree.Default(spec, "parallelism", 1);
                JsonTree.Default(spec, "completionMode", "NonIndexed");
                JsonTree.Default(spec, "suspend", false);
                PodDefaults.Apply(spec["template"]?["spec"] as JsonObject);
                break;
            case "CronJob" when spec is not null:
                JsonTree.Default(spec, "concurrencyPolicy", "Allow");
                JsonTree.Default(spec, "suspend", false);
                JsonTree.Default(spec, "successfulJobsHistoryLimit", 3);
                JsonTree.Default(spec, "failedJobsHistoryLimit", 1);
                PodDefaults.Apply(spec["jobTemplate"]?["spec"]?["template"]?["spec"] as JsonObject);
                break;
            case "Pod":
                PodDefaults.Apply(spec);
                break;
            case "CustomResourceDefinition":
                DefaultCrd(obj);
                break;
        }
    }

    /// <summary>Rewrites resource quantities in canonical form, on stored objects and on apply configurations alike.</summary>
    public static void CanonicalizeQuantities(ApiResource resource, JsonObject obj)
    {
        if (resource.IsCustom)
        {
            return;
        }

        var spec = obj["spec"] as JsonObject;
        switch (resource.Kind)
        {
            case "Deployment" or "StatefulSet" or "DaemonSet" or "Job":
                Quantities.CanonicalizePodSpec(spec?["template"]?["spec"] as JsonObject);
                break;
            case "CronJob":
                Quantities.CanonicalizePodSpec(spec?["jobTemplate"]?["spec"]?["template"]?["spec"] as JsonObject);
                break;
            case "Pod":
                Quantities.CanonicalizePodSpec(spec);
                break;
            case "PersistentVolumeClaim":
                Quantities.CanonicalizeResources(spec?["resources"] as JsonObject);
                break;
        }
    }

    private static void DefaultNamespace(JsonObject obj)
    {
        var name = JsonTree.GetString(obj, "metadata", "name") ?? "";
        JsonTree.EnsureObject(JsonTree.Metadata(obj), "labels")["kubernetes.io/metadata.name"] = name;
        JsonTree.Default(JsonTree.EnsureObject(obj, "spec"), "finalizers", new JsonArray("kubernetes"));
        JsonTree.Default(JsonTree.EnsureObject(obj, "status"), "phase", "Active");
    }

    private static void DefaultSecret(JsonObject obj)
    {
        JsonTree.Default(obj, "type", "Opaque");
        if (obj["stringData"] is JsonObject stringData)
        {
            var data = JsonTree.EnsureObject(obj, "data");
            foreach (var (key, value) in stringData)
            {
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            }

            obj.Remove("stringData");
        }
    }

    private void DefaultService(JsonObject obj, JsonObject? old)
    {
        var spec = JsonTree.EnsureObject(obj, "spec");
        JsonTree.Default(spec, "type", "ClusterIP");
        JsonTree.Default(spec, "sessionAffinity", "None");
        var type = JsonTree.GetString(spec, "type");
        if (type != "ExternalName")
        {
            var clusterIp = JsonTree.GetString(spec, "clusterIP");
            if (string.IsNullOrEmpty(clusterIp))
            {
                clusterIp = JsonTree.GetString(old, "spec", "clusterIP") ?? clusterIps.Next();
                spec["clusterIP"] = clusterIp;
            }

            JsonTree.Default(spec, "clusterIPs", new JsonArray(clusterIp));
            JsonTree.Default(spec, "ipFamilies", new JsonArray("IPv4"));
            JsonTree.Default(spec, "ipFamilyPolicy", "SingleStack");
            JsonTree.Default(spec, "internalTrafficPolicy", "Cluster");
        }

        if (type is "NodePort" or "LoadBalancer")
        {
            JsonTree.Default(spec, "externalTrafficPolicy", "Cluster");
        }

        var nodePort = 30000;
        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            JsonTree.Default(port, "protocol", "TCP");
            JsonTree.Default(port, "targetPort", port["port"]?.DeepClone());
            if (type is "NodePort" or "LoadBalancer")
            {
                JsonTree.Default(port, "nodePort", nodePort++);
            }
        }

        JsonTree.Default(JsonTree.EnsureObject(obj, "status"), "loadBalancer", new JsonObject());
    }

    private static void DefaultDeployment(JsonObject obj)
    {
        var spec = JsonTree.EnsureObject(obj, "spec");
        JsonTree.Default(spec, "replicas", 1);
        JsonTree.Default(spec, "revisionHistoryLimit", 10);
        JsonTree.Default(spec, "progressDeadlineSeconds", 600);
        var strategy = JsonTree.EnsureObject(spec, "strategy");
        JsonTree.Default(strategy, "type", "RollingUpdate");
        if (JsonTree.GetString(strategy, "type") == "RollingUpdate")
        {
            var rolling = JsonTree.EnsureObject(strategy, "rollingUpdate");
            JsonTree.Default(rolling, "maxUnavailable", "25%");
            JsonTree.Default(rolling, "maxSurge", "25%");
        }

        PodDefaults.Apply(spec["template"]?["spec"] as JsonObject);
    }

    private static void DefaultCrd(JsonObject obj)
    {
        var names = obj["spec"]?["names"] as JsonObject;
        if (names is not null)
        {
            JsonTree.Default(names, "singular", (JsonTree.GetString(names, "kind") ?? "").ToLowerInvariant());
            JsonTree.Default(names, "listKind", JsonTree.GetString(names, "kind") + "List");
        }

        var status = JsonTree.EnsureObject(obj, "status");
        status["acceptedNames"] = names?.DeepClone() ?? new JsonObject();
        status["storedVersions"] = new JsonArray([.. (obj["spec"]?["versions"] as JsonArray ?? [])
            .OfType<JsonObject>().Where(v => v["storage"]?.GetValue<bool>() == true)
            .Select(v => (JsonNode?)JsonValue.Create(JsonTree.GetString(v, "name")))]);
        status["conditions"] = new JsonArray(
            new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["reason"] = "NoConflicts", ["message"] = "no conflicts found" },
            new JsonObject { ["type"] = "Established", ["status"] = "True", ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted" });
    }
}
