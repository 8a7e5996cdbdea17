namespace GitOps.Core.Kubernetes;

/// <summary>The identity of a Kubernetes object. <see cref="ToString"/> is how every message names it: <c>Kind/namespace/name</c>.</summary>
public readonly record struct ObjectRef(string Group, string Kind, string? Namespace, string Name)
{
    public override string ToString() => Namespace is { Length: > 0 } ? $"{Kind}/{Namespace}/{Name}" : $"{Kind}/{Name}";

    /// <summary>Group-qualified key, unique within a cluster (<c>apps/Deployment/shop/web</c>).</summary>
    public string Key => $"{(Group.Length == 0 ? "core" : Group)}/{Kind}/{Namespace}/{Name}";

    public static ObjectRef From(System.Text.Json.Nodes.JsonObject obj)
    {
        var apiVersion = (string?)obj["apiVersion"] ?? string.Empty;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var metadata = obj["metadata"] as System.Text.Json.Nodes.JsonObject;
        return new ObjectRef(
            slash < 0 ? string.Empty : apiVersion[..slash],
            (string?)obj["kind"] ?? string.Empty,
            (string?)metadata?["namespace"],
            (string?)metadata?["name"] ?? string.Empty);
    }
}
