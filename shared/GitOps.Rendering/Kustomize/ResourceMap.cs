namespace GitOps.Rendering.Kustomize;

/// <summary>
/// The ordered resources of one kustomization level, indexed by current id and by every name a
/// resource has had, so that adding and looking up stay linear over a whole build.
/// </summary>
internal sealed class ResourceMap
{
    private readonly List<KResource> _items = [];
    private readonly Dictionary<string, KResource> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KResource>> _byAnyName = new(StringComparer.Ordinal);

    public IReadOnlyList<KResource> Items => _items;

    public int Count => _items.Count;

    /// <summary>
    /// The transformer config accumulated so far (Kustomize's ResAccumulator tConfig): null while it is
    /// Kustomize's defaults, so builds without <c>configurations</c> never make one.
    /// </summary>
    public TransformerConfig? Config { get; private set; }

    private bool _configMerged;

    /// <summary>The vars accumulated so far (bases', components' and the kustomization's own); null when none.</summary>
    public List<Var>? Vars { get; private set; }

    /// <summary>Kustomize's MergeConfig: <paramref name="incoming"/> (null: the defaults) merged into <see cref="Config"/>.</summary>
    public void MergeConfig(TransformerConfig? incoming, string file)
    {
        if (!_configMerged)
        {
            // The accumulator starts with an empty config.
            _configMerged = true;
            Config = incoming is null ? null : new TransformerConfig().Merge(incoming, file);
            return;
        }

        if (Config is null && incoming is null)
        {
            return;
        }

        Config = (Config ?? TransformerConfig.SortedDefault).Merge(incoming ?? TransformerConfig.SortedDefault, file);
    }

    /// <summary>Adds vars; a name already present is Kustomize's "var already encountered" error, naming <paramref name="file"/>.</summary>
    public void AddVars(IReadOnlyList<Var> vars, string file)
    {
        if (vars.Count == 0)
        {
            return;
        }

        Vars ??= [];
        foreach (var v in vars)
        {
            if (Vars.FirstOrDefault(e => e.Name == v.Name) is { } existing)
            {
                throw RenderException.At(file, v.File == file ? v.Line : null,
                    $"var \"{v.Name}\" already encountered: declared in {existing.File}{Where(existing.Line)} and in {v.File}{Where(v.Line)}");
            }

            Vars.Add(v);
        }
    }

    private static string Where(int? line) => line is { } l ? $":{l}" : string.Empty;

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
        IndexNames(resource);
    }

    /// <summary>Appends another accumulator's resources, and merges its transformer config and vars (Kustomize's AppendAll of a base).</summary>
    public void AddAll(ResourceMap other, string referrer)
    {
        foreach (var r in other._items)
        {
            Add(r, referrer);
        }

        MergeConfig(other.Config, referrer);
        if (other.Vars is { } vars)
        {
            AddVars(vars, referrer);
        }
    }

    /// <summary>
    /// Resources that have, or once had, the name <paramref name="name"/> and whose current or any
    /// previous id satisfies <paramref name="predicate"/>, in map order.
    /// </summary>
    public List<KResource> MatchAnyId(string name, Func<ResId, bool> predicate)
        => _byAnyName.TryGetValue(name, out var named) ? named.Where(r => r.AnyId(predicate)).ToList() : [];

    public void Replace(KResource old, KResource replacement)
    {
        var index = _items.IndexOf(old);
        _items[index] = replacement;
        Reindex();
    }

    /// <summary>Removes several resources at once, keeping the order of the rest.</summary>
    public void RemoveAll(IReadOnlySet<KResource> resources)
    {
        if (resources.Count == 0)
        {
            return;
        }

        _items.RemoveAll(resources.Contains);
        Reindex();
    }

    /// <summary>Rebuilds the indexes after transformers changed names or namespaces.</summary>
    public void Reindex()
    {
        _byId.Clear();
        _byAnyName.Clear();
        foreach (var r in _items)
        {
            _byId.TryAdd(r.CurrentId.Key, r);
            IndexNames(r);
        }
    }

    private void IndexNames(KResource r)
    {
        AddName(r.Name, r);
        foreach (var id in r.PreviousIds)
        {
            AddName(id.Name, r);
        }
    }

    private void AddName(string name, KResource r)
    {
        if (!_byAnyName.TryGetValue(name, out var list))
        {
            list = [];
            _byAnyName[name] = list;
        }

        if (list.Count == 0 || !ReferenceEquals(list[^1], r))
        {
            list.Add(r);
        }
    }
}
