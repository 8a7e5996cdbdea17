using System.Text.Json.Nodes;
using GitOps.Core.Kubernetes;

namespace GitOps.Core.Apply;

/// <summary>What a LIST said of one live object: enough to decide whether to send it, and whether it may be pruned.</summary>
public sealed record LiveObject(ObjectRef Ref, string? ResourceVersion, string? App, bool PruneDisabled)
{
    /// <summary>The live <c>metadata.managedFields</c>, read only where ignore rules need to know who owns a field.</summary>
    public JsonArray? ManagedFields { get; init; }

    public static LiveObject From(ResourceInfo resource, JsonObject item)
    {
        var metadata = item["metadata"] as JsonObject;
        var reference = new ObjectRef(resource.Group, resource.Kind, resource.Namespaced ? (string?)metadata?["namespace"] : null, (string?)metadata?["name"] ?? string.Empty);
        return new LiveObject(reference, (string?)metadata?["resourceVersion"], Ownership.AppOf(item), Ownership.IsPruneDisabled(item))
        {
            ManagedFields = metadata?["managedFields"] as JsonArray,
        };
    }
}
