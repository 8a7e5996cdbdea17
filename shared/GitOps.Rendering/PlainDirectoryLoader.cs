namespace GitOps.Rendering;

/// <summary>
/// Loads a plain directory: every *.yaml, *.yml and *.json file below it, entries sorted ordinally
/// at each level, hidden entries (".git") skipped.
/// </summary>
internal sealed class PlainDirectoryLoader
{
    private readonly SourceTree _tree;
    private readonly RenderOptions _options;
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

    public PlainDirectoryLoader(SourceTree tree, RenderOptions options)
    {
        _tree = tree;
        _options = options;
    }

    public List<RenderedObject> Load(string directory)
    {
        var objects = new List<RenderedObject>();
        Walk(directory, objects, isRoot: true);
        return objects;
    }

    internal static bool IsManifestFile(string name)
        => name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private void Walk(string directory, List<RenderedObject> objects, bool isRoot)
    {
        if (!_visited.Add(_tree.RealPathOf(directory)))
        {
            throw RenderException.At(directory, null, "directory is reached twice through symbolic links (a loop?)");
        }

        foreach (var (name, isDirectory) in _tree.List(directory))
        {
            if (name.StartsWith('.'))
            {
                continue;
            }

            var entryPath = directory.Length == 0 ? name : directory + "/" + name;
            var path = _tree.Resolve(directory, name, entryPath);
            if (isDirectory)
            {
                Walk(path, objects, isRoot: false);
                continue;
            }

            if (KustomizationFile.IsKustomizationFileName(name))
            {
                throw RenderException.At(path, null, isRoot
                    ? "is a kustomization but the directory was read as plain manifests"
                    : "a kustomization inside a plain-manifest directory is not supported: point the application at its directory");
            }

            if (!IsManifestFile(name))
            {
                continue;
            }

            foreach (var (body, line) in ManifestYaml.ParseWithLines(_tree.ReadText(path), path, _options))
            {
                objects.Add(Validate(new RenderedObject(body, path) { Line = line }));
            }
        }
    }

    private static RenderedObject Validate(RenderedObject obj)
    {
        if (obj.ApiVersion.Length == 0 || obj.Kind.Length == 0)
        {
            throw RenderException.At(obj.SourceFile, null, "a manifest without apiVersion and kind is not a Kubernetes object");
        }

        if (obj.Name.Length == 0 && (obj.Body["metadata"] is not System.Text.Json.Nodes.JsonObject m || m["generateName"] is null))
        {
            throw RenderException.At(obj.SourceFile, null, $"{obj.Kind} has no metadata.name");
        }

        return obj;
    }
}
