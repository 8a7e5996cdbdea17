namespace GitOps.Core.Rendering.Kustomize;

/// <summary>
/// The ordered resources of one kustomization level, indexed by current id so that adding and
/// looking up stay linear overall.
/// </summary>
internal sealed class ResourceMap
{
    private readonly List<KResource> _items = [];
    private readonly Dictionary<string, KResource> _byId = new(StringComparer.Ordinal);

    public IReadOnlyList<KResource> Items => _items;

    public int Count => _items.Count;

    /// <summary>Appends a resource; an id already present is an error naming both files.</summary>
    public void Add(KResource resource, string? referrer)
    {
        var key = resource.CurrentId.Key;
        if (_byId.TryGetValue(key, out var existing))
        {
            throw RenderException.At(referrer ?? resource.SourceFile, null,
                $"{resource.CurrentId} is defined twice, in {existing.SourceFile} and in {resource.SourceFile}");
        }

        _byId[key] = resource;
        _items.Add(resource);
    }

    public void AddAll(ResourceMap other, string? referrer)
    {
        foreach (var r in other._items)
        {
            Add(r, referrer);
        }
    }

    /// <summary>Resources whose current or any previous id satisfies <paramref name="predicate"/>.</summary>
    public List<KResource> MatchAnyId(Func<ResId, bool> predicate) => _items.Where(r => r.AnyId(predicate)).ToList();

    public KResource? GetByCurrentId(ResId id) => _byId.GetValueOrDefault(id.Key);

    public void Replace(KResource old, KResource replacement)
    {
        var index = _items.IndexOf(old);
        _items[index] = replacement;
        Reindex();
    }

    public void Remove(KResource resource)
    {
        _items.Remove(resource);
        Reindex();
    }

    /// <summary>Rebuilds the id index after transformers changed names or namespaces.</summary>
    public void Reindex()
    {
        _byId.Clear();
        foreach (var r in _items)
        {
            _byId.TryAdd(r.CurrentId.Key, r);
        }
    }

    public void Clear()
    {
        _items.Clear();
        _byId.Clear();
    }
}
