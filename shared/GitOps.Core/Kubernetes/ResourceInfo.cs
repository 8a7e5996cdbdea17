namespace GitOps.Core.Kubernetes;

/// <summary>What discovery says about a kind: its REST resource and scope.</summary>
public sealed record ResourceInfo(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Whether the resource answers list (discovery's verbs); true when unknown.</summary>
    public bool Listable { get; init; } = true;

    /// <summary>The collection path (<c>/api/v1/namespaces/x/configmaps</c>); all namespaces when <paramref name="ns"/> is null.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && ns is { Length: > 0 } ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}" : $"{root}/{Plural}";
    }

    public string ObjectPath(string? ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
}
