using System.Text.Json.Nodes;

namespace KubeEmulator.Api;

/// <summary>
/// The resource table discovery and routing read: the built-in resources plus whatever the
/// stored CustomResourceDefinitions define. Thread-safe.
/// </summary>
internal sealed class ResourceCatalog
{
    private readonly Lock _gate = new();
    private readonly List<ApiResource> _builtIn = [.. BuiltInResources.All];
    private readonly Dictionary<string, IReadOnlyList<ApiResource>> _byCrd = new(StringComparer.Ordinal);

    public ApiResource? Find(string group, string version, string plural)
    {
        lock (_gate)
        {
            return AllLocked().FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);
        }
    }

    public ApiResource? FindByKind(string apiVersion, string kind)
    {
        lock (_gate)
        {
            return AllLocked().FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);
        }
    }

    public IReadOnlyList<ApiResource> All()
    {
        lock (_gate)
        {
            return [.. AllLocked()];
        }
    }

    public IReadOnlyList<ApiResource> ForGroupVersion(string group, string version)
    {
        lock (_gate)
        {
            return [.. AllLocked().Where(r => r.Group == group && r.Version == version)];
        }
    }

    /// <summary>Groups in discovery order (built-in first), each with its versions, preferred first.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        lock (_gate)
        {
            var result = new List<(string, IReadOnlyList<string>)>();
            foreach (var group in AllLocked().Where(r => r.Group.Length > 0).Select(r => r.Group).Distinct())
            {
                var versions = AllLocked().Where(r => r.Group == group).Select(r => r.Version).Distinct().ToList();
                versions.Sort(KubeVersionComparer.Instance);
                result.Add((group, versions));
            }

            return result;
        }
    }

    /// <summary>Registers (or re-registers) the resources a CRD serves. Returns them.</summary>
    public IReadOnlyList<ApiResource> RegisterCrd(JsonObject crd)
    {
        var name = crd["metadata"]?["name"]?.GetValue<string>() ?? "";
        var spec = crd["spec"] as JsonObject;
        var group = spec?["group"]?.GetValue<string>() ?? "";
        var names = spec?["names"] as JsonObject;
        var plural = names?["plural"]?.GetValue<string>() ?? "";
        var kind = names?["kind"]?.GetValue<string>() ?? "";
        var singular = names?["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant();
        var shortNames = (names?["shortNames"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList() ?? [];
        var namespaced = !string.Equals(spec?["scope"]?.GetValue<string>(), "Cluster", StringComparison.Ordinal);
        var resources = new List<ApiResource>();
        foreach (var version in (spec?["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["served"]?.GetValue<bool>() == false)
            {
                continue;
            }

            var versionName = version["name"]?.GetValue<string>() ?? "";
            var hasStatus = version["subresources"]?["status"] is not null;
            resources.Add(new ApiResource(group, versionName, plural, singular, kind, namespaced, shortNames,
                HasGeneration: true, HasStatus: hasStatus, IsCustom: true));
        }

        lock (_gate)
        {
            _byCrd[name] = resources;
        }

        return resources;
    }

    public void UnregisterCrd(string crdName)
    {
        lock (_gate)
        {
            _byCrd.Remove(crdName);
        }
    }

    private IEnumerable<ApiResource> AllLocked() => _builtIn.Concat(_byCrd.Values.SelectMany(r => r));
}
