using System.Text.Json.Nodes;

namespace GitOps.Rendering;

/// <summary>Reads the identifying fields of a Kubernetes object held as a <see cref="JsonObject"/>.</summary>
internal static class ObjectIdentity
{
    public static string GetString(JsonObject body, string field)
        => body[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public static string? GetMetadataString(JsonObject body, string field)
        => body["metadata"] is JsonObject m && m[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    public static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }

    public static string VersionOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
    }

    public static string IdOf(JsonObject body)
    {
        var kind = GetString(body, "kind");
        var name = GetMetadataString(body, "name") ?? string.Empty;
        var ns = GetMetadataString(body, "namespace");
        return ns is null ? $"{kind}/{name}" : $"{kind}/{ns}/{name}";
    }

    /// <summary>The key two objects must not share: group, kind, namespace and name.</summary>
    public static string KeyOf(JsonObject body)
    {
        var group = GroupOf(GetString(body, "apiVersion"));
        return $"{group}|{GetString(body, "kind")}|{GetMetadataString(body, "namespace")}|{GetMetadataString(body, "name")}";
    }
}
