using System.Text.Json.Nodes;

namespace KubeEmulator.Api;

/// <summary>
/// The resource table discovery and routing read: the built-in resources plus whatever the
/// stored CustomResourceDefinitions define, each CRD's kinds only once it is established
/// (<see cref="EstablishDelay"/> after it was first registered, on the injected clock). Thread-safe.
/// </summary>
internal sealed class ResourceCatalog(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<ApiResource> _builtIn = [.. BuiltInResources.All];
    private readonly Dictionary<string, IReadOnlyList<ApiResource>> _byCrd = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _establishedAt = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private TimeSpan _establishDelay;

    /// <summary>How long a newly created CRD stays not established (kinds unserved). Applies to CRDs created later.</summary>
    public TimeSpan EstablishDelay
    {
        get
        {
            lock (_gate)
            {
                return _establishDelay;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_gate)
            {
                _establishDelay = value;
            }
        }
    }

    /// <summary>Whether the named CRD's kinds are served; false for an unknown CRD or one still waiting for its delay.</summary>
    public bool IsEstablished(string crdName)
    {
        lock (_gate)
        {
            return _establishedAt.TryGetValue(crdName, out var at) && at <= time.GetUtcNow();
        }
    }

    /// <summary>The CRDs that were pending and whose delay has now passed; each is answered once, so its stored status can be updated.</summary>
    public IReadOnlyList<string> TakeNewlyEstablished()
    {
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return [];
            }

            var now = time.GetUtcNow();
            var due = _pending.Where(name => _establishedAt[name] <= now).ToList();
            _pending.ExceptWith(due);
            return due;
        }
    }

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
            if (!_establishedAt.ContainsKey(name))
            {
                _establishedAt[name] = time.GetUtcNow() + _establishDelay;
                if (_establishDelay > TimeSpan.Zero)
                {
                    _pending.Add(name);
                }
            }
        }

        return resources;
    }

    public void UnregisterCrd(string crdName)
    {
        lock (_gate)
        {
            _byCrd.Remove(crdName);
            _establishedAt.Remove(crdName);
            _pending.Remove(crdName);
        }
    }

    private IEnumerable<ApiResource> AllLocked()
    {
        var now = time.GetUtcNow();
        return _builtIn.Concat(_byCrd.Where(p => _establishedAt[p.Key] <= now).SelectMany(p => p.Value));
    }
}
