using System.Text.Json.Nodes;
using KubeEmulator.Api;

namespace KubeEmulator.Store;

/// <summary>
/// The emulated etcd: objects by resource (group + plural, shared across versions), namespace and
/// name, and the global resourceVersion counter. Callers hold <see cref="Gate"/> around every
/// read-modify-write so each request is atomic; stored objects are never handed out, only clones.
/// </summary>
internal sealed class ObjectStore
{
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private long _resourceVersion = 1000;

    public Lock Gate { get; } = new();

    public long CurrentResourceVersion => Interlocked.Read(ref _resourceVersion);

    public long NextResourceVersion() => Interlocked.Increment(ref _resourceVersion);

    public JsonObject? Get(ApiResource resource, string ns, string name) =>
        Table(resource).TryGetValue(Key(ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;

    public bool Exists(ApiResource resource, string ns, string name) => Table(resource).ContainsKey(Key(ns, name));

    /// <summary>Clones of the stored objects, ordered by namespace then name; every namespace when <paramref name="ns"/> is null.</summary>
    public List<JsonObject> List(ApiResource resource, string? ns)
    {
        var prefix = ns is null ? null : ns + "/";
        return [.. Table(resource)
            .Where(p => prefix is null || p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => (JsonObject)p.Value.DeepClone())];
    }

    /// <summary>
    /// Clones of the stored objects with their keys (<c>namespace/name</c>), ordered, from the first key at or
    /// after <paramref name="startKey"/> (empty: from the start); every namespace when <paramref name="ns"/> is null.
    /// </summary>
    public List<(string Key, JsonObject Object)> List(ApiResource resource, string? ns, string startKey)
    {
        var prefix = ns is null ? null : ns + "/";
        return [.. Table(resource)
            .Where(p => (prefix is null || p.Key.StartsWith(prefix, StringComparison.Ordinal)) && string.CompareOrdinal(p.Key, startKey) >= 0)
            .Select(p => (p.Key, (JsonObject)p.Value.DeepClone()))];
    }

    public void Put(ApiResource resource, string ns, string name, JsonObject obj) =>
        Table(resource)[Key(ns, name)] = (JsonObject)obj.DeepClone();

    public bool Remove(ApiResource resource, string ns, string name) => Table(resource).Remove(Key(ns, name));

    /// <summary>Drops every object of the resource (its CRD was deleted).</summary>
    public void RemoveAll(ApiResource resource) => _objects.Remove(TableKey(resource));

    /// <summary>Drops every namespaced object in <paramref name="ns"/> (the namespace was deleted); answers them with their table keys.</summary>
    public List<(string Table, JsonObject Object)> RemoveNamespace(string ns)
    {
        var removed = new List<(string, JsonObject)>();
        var prefix = ns + "/";
        foreach (var (tableKey, table) in _objects)
        {
            foreach (var key in table.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                removed.Add((tableKey, table[key]));
                table.Remove(key);
            }
        }

        return removed;
    }

    private SortedDictionary<string, JsonObject> Table(ApiResource resource)
    {
        var key = TableKey(resource);
        if (!_objects.TryGetValue(key, out var table))
        {
            table = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[key] = table;
        }

        return table;
    }

    public static string TableKey(ApiResource resource) => resource.Group + "/" + resource.Plural;

    private static string Key(string ns, string name) => ns + "/" + name;
}
