using System.Collections.Concurrent;

namespace GitOps.Core.Kubernetes;

/// <summary>
/// What one cluster serves, per group/version, kept across syncs for <see cref="Ttl"/> so that a
/// sync that changes nothing costs no discovery request. A kind not found is looked up again at once
/// (a CRD may just have added it), so the cache can only be stale about kinds that went away, and
/// only until the entry expires.
/// </summary>
public sealed class DiscoveryCache
{
    /// <summary>How long a group/version's resource list is trusted. Default 5 minutes.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (IReadOnlyList<ResourceInfo> Resources, DateTimeOffset FetchedAt)> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public DiscoveryCache(TimeProvider time) => _time = time;

    public bool TryGet(string apiVersion, out IReadOnlyList<ResourceInfo> resources)
    {
        if (_entries.TryGetValue(apiVersion, out var entry) && _time.GetUtcNow() - entry.FetchedAt < Ttl)
        {
            resources = entry.Resources;
            return true;
        }

        resources = [];
        return false;
    }

    public void Set(string apiVersion, IReadOnlyList<ResourceInfo> resources) => _entries[apiVersion] = (resources, _time.GetUtcNow());
}
