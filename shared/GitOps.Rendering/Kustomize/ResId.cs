using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>Kustomize's resource id: group, version, kind, name and namespace ("" when unset).</summary>
internal readonly record struct ResId(string Group, string Version, string Kind, string Name, string Namespace)
{
    public static ResId Of(JsonObject body)
    {
        var apiVersion = ObjectIdentity.GetString(body, "apiVersion");
        return new ResId(
            ObjectIdentity.GroupOf(apiVersion),
            ObjectIdentity.VersionOf(apiVersion),
            ObjectIdentity.GetString(body, "kind"),
            ObjectIdentity.GetMetadataString(body, "name") ?? string.Empty,
            ObjectIdentity.GetMetadataString(body, "namespace") ?? string.Empty);
    }

    public bool IsClusterScoped => ClusterScope.IsClusterScoped(Group, Version, Kind);

    /// <summary>Namespaces compare with "" and "default" as the same, as kustomize's IsNsEquals does.</summary>
    public bool NamespaceEquals(ResId other)
        => IsClusterScoped || other.IsClusterScoped
            ? IsClusterScoped == other.IsClusterScoped
            : Normalize(Namespace) == Normalize(other.Namespace);

    /// <summary>Same group, version, kind, name and namespace.</summary>
    public bool SameAs(ResId other)
        => Group == other.Group && Version == other.Version && Kind == other.Kind && Name == other.Name && NamespaceEquals(other);

    /// <summary>Whether this id's GVK is selected by a selector whose empty parts match anything.</summary>
    public bool GvkSelectedBy(string? group, string? version, string? kind)
        => (string.IsNullOrEmpty(group) || group == Group)
            && (string.IsNullOrEmpty(version) || version == Version)
            && (string.IsNullOrEmpty(kind) || kind == Kind);

    /// <summary>A key for dictionaries: GVK, name and normalized namespace.</summary>
    public string Key => $"{Group}|{Version}|{Kind}|{(IsClusterScoped ? string.Empty : Normalize(Namespace))}|{Name}";

    /// <summary>How errors name the id: <c>Kind/namespace/name</c> or <c>Kind/name</c>.</summary>
    public override string ToString() => Namespace.Length == 0 ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    private static string Normalize(string ns) => ns.Length == 0 ? "default" : ns;
}
