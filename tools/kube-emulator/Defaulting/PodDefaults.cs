using System.Text.Json.Nodes;
using KubeEmulator.Serialization;

namespace KubeEmulator.Defaulting;

/// <summary>The defaults the API server fills into every pod spec (of a Pod or of a workload's template).</summary>
internal static class PodDefaults
{
    public static void Apply(JsonObject? podSpec)
    {
        if (podSpec is null)
        {
            return;
        }

        JsonTree.Default(podSpec, "restartPolicy", "Always");
        JsonTree.Default(podSpec, "terminationGracePeriodSeconds", 30);
        JsonTree.Default(podSpec, "dnsPolicy", "ClusterFirst");
        JsonTree.Default(podSpec, "securityContext", new JsonObject());
        JsonTree.Default(podSpec, "schedulerName", "default-scheduler");
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (podSpec[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                DefaultContainer(container);
            }
        }

        foreach (var volume in (podSpec["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var source in new[] { "configMap", "secret" })
            {
                if (volume[source] is JsonObject sourceObject)
                {
                    JsonTree.Default(sourceObject, "defaultMode", 420);
                }
            }
        }
    }

    private static void DefaultContainer(JsonObject container)
    {
        var image = JsonTree.GetString(container, "image") ?? "";
        JsonTree.Default(container, "imagePullPolicy", PullPolicyFor(image));
        JsonTree.Default(container, "terminationMessagePath", "/dev/termination-log");
        JsonTree.Default(container, "terminationMessagePolicy", "File");
        JsonTree.Default(container, "resources", new JsonObject());
        foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            JsonTree.Default(port, "protocol", "TCP");
        }

        foreach (var probeName in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[probeName] is JsonObject probe)
            {
                JsonTree.Default(probe, "timeoutSeconds", 1);
                JsonTree.Default(probe, "periodSeconds", 10);
                JsonTree.Default(probe, "successThreshold", 1);
                JsonTree.Default(probe, "failureThreshold", 3);
                if (probe["httpGet"] is JsonObject httpGet)
                {
                    JsonTree.Default(httpGet, "scheme", "HTTP");
                }
            }
        }

        foreach (var variable in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (variable["valueFrom"]?["fieldRef"] is JsonObject fieldRef)
            {
                JsonTree.Default(fieldRef, "apiVersion", "v1");
            }
        }
    }

    /// <summary>Always for <c>:latest</c> or untagged images, IfNotPresent otherwise (digests included).</summary>
    public static string PullPolicyFor(string image)
    {
        if (image.Contains('@'))
        {
            return "IfNotPresent";
        }

        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        return colon < 0 || lastSegment[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }
}
