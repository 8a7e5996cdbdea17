namespace GitOps.Rendering.Kustomize;

/// <summary>Resources and components.</summary>
internal sealed partial class KustomizeBuilder
{
    private void AccumulateResources(Kustomization k, ResourceMap map)
    {
        foreach (var entry in k.Resources)
        {
            var path = _files.Resolve(k, entry.Path, entry.Line);
            if (_files.Tree.IsDirectory(path))
            {
                CheckCycle(k, path, entry);
                var sub = Load(path, k.File, entry.Line);
                if (sub.IsComponent)
                {
                    throw RenderException.At(k.File, entry.Line, $"\"{entry.Path}\" is a Component: list it under components, not resources");
                }

                var subMap = new ResourceMap();
                Accumulate(sub, subMap);
                map.AddAll(subMap, k.File);
                continue;
            }

            if (!_files.Tree.IsFile(path))
            {
                throw RenderException.At(k.File, entry.Line, $"resource \"{entry.Path}\" does not exist");
            }

            var (text, file) = _files.ReadInside(k, entry.Path, entry.Line);
            foreach (var (body, line) in ManifestYaml.ParseWithLines(text, file, _files.Options))
            {
                var resource = new KResource(body, file) { Line = line };
                if (ObjectIdentity.GetString(body, "kind").Length == 0)
                {
                    throw RenderException.At(file, null, "a resource without kind is not a Kubernetes object");
                }

                if (resource.Name.Length == 0)
                {
                    throw RenderException.At(file, null, $"a {resource.Kind} without metadata.name (kustomize does not accept generateName)");
                }

                map.Add(resource, k.File);
            }
        }
    }

    private void AccumulateComponents(Kustomization k, ResourceMap map)
    {
        foreach (var entry in k.Components)
        {
            var path = _files.Resolve(k, entry.Path, entry.Line);
            if (!_files.Tree.IsDirectory(path))
            {
                throw RenderException.At(k.File, entry.Line, $"component \"{entry.Path}\" is not a directory");
            }

            CheckCycle(k, path, entry);
            var component = Load(path, k.File, entry.Line);
            if (!component.IsComponent)
            {
                throw RenderException.At(k.File, entry.Line, $"\"{entry.Path}\" is listed under components but its kind is not Component");
            }

            Accumulate(component, map);
        }
    }

    private void CheckCycle(Kustomization k, string directory, PathEntry entry)
    {
        var start = _realStack.IndexOf(_files.Tree.RealPathOf(directory));
        if (start >= 0)
        {
            var cycle = string.Join(" -> ", _stack.Skip(start).Append(directory));
            throw RenderException.At(k.File, entry.Line, $"cycle between kustomizations: {cycle}");
        }
    }
}
