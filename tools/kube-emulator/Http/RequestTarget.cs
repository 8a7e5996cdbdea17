using KubeEmulator.Api;

namespace KubeEmulator.Http;

/// <summary>A resource URL, parsed: <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c>.</summary>
internal sealed record RequestTarget(ApiResource Resource, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>
    /// Parses the segments after the group-version prefix; null when they name no served resource.
    /// </summary>
    public static RequestTarget? Parse(ResourceCatalog catalog, string group, string version, string[] rest)
    {
        if (rest.Length == 0)
        {
            return null;
        }

        string? ns = null;
        var index = 0;
        if (rest[0] == "namespaces" && rest.Length >= 3 && rest[2] is not ("status" or "finalize"))
        {
            ns = rest[1];
            index = 2;
        }

        var resource = catalog.Find(group, version, rest[index]);
        if (resource is null || (ns is not null && !resource.Namespaced) || rest.Length - index > 3)
        {
            return null;
        }

        var name = rest.Length > index + 1 ? rest[index + 1] : null;
        var subresource = rest.Length > index + 2 ? rest[index + 2] : null;
        if (resource.Namespaced && ns is null && name is not null)
        {
            return null;
        }

        if (subresource is not null && !(subresource == "status" && resource.HasStatus) && !(subresource == "scale" && resource.HasScale))
        {
            return null;
        }

        return new RequestTarget(resource, ns, name, subresource);
    }
}
