using System.Globalization;
using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Http;
using KubeEmulator.Patching;
using KubeEmulator.Serialization;

namespace KubeEmulator.Engine;

/// <content>The <c>scale</c> subresource (autoscaling/v1 Scale) of deployments and statefulsets, as <c>kubectl scale</c> uses it.</content>
internal sealed partial class ResourceEngine
{
    public JsonObject GetScale(ApiResource resource, string ns, string name)
    {
        lock (store.Gate)
        {
            return ToScale(store.Get(resource, ns, name) ?? throw KubeErrors.NotFound(resource, name));
        }
    }

    public JsonObject ReplaceScale(ApiResource resource, string ns, string name, JsonObject scale, WriteContext write)
    {
        lock (store.Gate)
        {
            var old = store.Get(resource, ns, name) ?? throw KubeErrors.NotFound(resource, name);
            var version = JsonTree.GetString(scale, "metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(version) && version != JsonTree.GetString(old, "metadata", "resourceVersion"))
            {
                throw KubeErrors.StaleResourceVersion(resource, name);
            }

            return ScaleTo(resource, ns, name, old, scale, write);
        }
    }

    public JsonObject PatchScale(ApiResource resource, string ns, string name, PatchKind kind, JsonNode? patch, WriteContext write)
    {
        lock (store.Gate)
        {
            var old = store.Get(resource, ns, name) ?? throw KubeErrors.NotFound(resource, name);
            var scale = ToScale(old);
            var patched = kind switch
            {
                PatchKind.Json => JsonPatch.Apply(scale, patch),
                PatchKind.Strategic => StrategicMergePatch.Apply(scale, patch),
                _ => MergePatch.Apply(scale, patch),
            } as JsonObject ?? throw KubeErrors.BadRequest("the patch did not produce an object");
            return ScaleTo(resource, ns, name, old, patched, write);
        }
    }

    private JsonObject ScaleTo(ApiResource resource, string ns, string name, JsonObject old, JsonObject scale, WriteContext write)
    {
        var replicas = JsonTree.GetLong(scale, "spec", "replicas") ?? 0;
        if (replicas < 0)
        {
            throw new KubeStatusException(422, "Invalid",
                $"Scale.autoscaling \"{name}\" is invalid: spec.replicas: Invalid value: {replicas.ToString(CultureInfo.InvariantCulture)}: must be greater than or equal to 0",
                new JsonObject { ["name"] = name, ["group"] = "autoscaling", ["kind"] = "Scale" });
        }

        var candidate = (JsonObject)old.DeepClone();
        JsonTree.EnsureObject(candidate, "spec")["replicas"] = replicas;
        return ToScale(Commit(resource, ns, name, old, candidate, write, trackUpdate: true, subresource: "scale"));
    }

    private static JsonObject ToScale(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject ?? [];
        var matchLabels = obj["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [];
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = JsonTree.GetLong(obj, "spec", "replicas") ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = JsonTree.GetLong(obj, "status", "replicas") ?? 0,
                ["selector"] = string.Join(",", matchLabels.Select(p => $"{p.Key}={JsonTree.GetString(p.Value)}")),
            },
        };
    }
}
