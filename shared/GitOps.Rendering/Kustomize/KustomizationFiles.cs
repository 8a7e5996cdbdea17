namespace GitOps.Rendering.Kustomize;

/// <summary>
/// File access for a Kustomize build: as <c>kubectl kustomize</c> (load restrictor RootOnly), files
/// a kustomization reads must lie in or below its directory; directories (bases) may be anywhere
/// in the repository.
/// </summary>
internal sealed class KustomizationFiles
{
    public KustomizationFiles(SourceTree tree, RenderOptions options, bool strict = false)
    {
        Tree = tree;
        Options = options;
        Strict = strict;
    }

    /// <summary>Warnings are errors.</summary>
    public bool Strict { get; }

    /// <summary>What the build found worth a warning, in the order found.</summary>
    public List<string> Warnings { get; } = [];

    public SourceTree Tree { get; }

    public RenderOptions Options { get; }

    /// <summary>
    /// The merge schema strategic merge patches use from here on: null for the built-in one, else the
    /// last <c>openapi</c> document a kustomization of this build named (Kustomize keeps one for the
    /// whole build, so a base's schema applies to the overlay's patches after it).
    /// </summary>
    public Patches.OpenApiMergeSchemas? MergeSchemas { get; set; }

    /// <summary>Resolves a path written in kustomization <paramref name="k"/>.</summary>
    public string Resolve(Kustomization k, string path, int? line)
    {
        if (RemoteBase.LooksRemote(path))
        {
            return ResolveRemote(k, path, line);
        }

        try
        {
            return Tree.Resolve(k.Directory, path, k.File);
        }
        catch (RenderException e) when (e.Line is null)
        {
            throw RenderException.At(k.File, line, e.Message[(k.File.Length + 2)..], e);
        }
    }

    /// <summary>Reads a file named in <paramref name="k"/>, which must be in or below its directory.</summary>
    public (string Text, string Path) ReadInside(Kustomization k, string path, int? line)
    {
        var resolved = Resolve(k, path, line);
        if (!IsInside(resolved, k.Directory))
        {
            throw RenderException.At(k.File, line, $"file \"{path}\" is not in or below the kustomization directory \"{k.Directory}\"");
        }

        if (!Tree.IsFile(resolved))
        {
            throw RenderException.At(k.File, line, $"file \"{path}\" does not exist");
        }

        return (Tree.ReadText(resolved), resolved);
    }

    /// <summary>Reads raw bytes of a file named in <paramref name="k"/> (generator sources).</summary>
    public (byte[] Bytes, string Path) ReadBytesInside(Kustomization k, string path, int? line)
    {
        var resolved = Resolve(k, path, line);
        if (!IsInside(resolved, k.Directory))
        {
            throw RenderException.At(k.File, line, $"file \"{path}\" is not in or below the kustomization directory \"{k.Directory}\"");
        }

        if (!Tree.IsFile(resolved))
        {
            throw RenderException.At(k.File, line, $"file \"{path}\" does not exist");
        }

        return (Tree.ReadBytes(resolved), resolved);
    }

    public static bool IsInside(string path, string directory)
        => directory.Length == 0 || path == directory || path.StartsWith(directory + "/", StringComparison.Ordinal);

    /// <summary>A remote base: fetched at its ref and mounted into the tree; its directory inside the repository.</summary>
    private string ResolveRemote(Kustomization k, string entry, int? line)
    {
        RemoteBase remote;
        try
        {
            remote = RemoteBase.Parse(entry);
        }
        catch (FormatException e)
        {
            throw RenderException.At(k.File, line, e.Message, e);
        }

        if (Tree.RemoteBases is not { } fetcher)
        {
            throw RenderException.At(k.File, line,
                $"remote base \"{remote.Display}\" cannot be fetched here: remote bases are fetched by the pipeline with the registry's source credentials");
        }

        string directory;
        try
        {
            directory = fetcher.Fetch(remote);
        }
        catch (RemoteBaseException e)
        {
            throw RenderException.At(k.File, line, e.Message, e);
        }

        var root = Tree.Mount(remote, directory);
        var resolved = remote.Path.Length == 0 ? root : root + "/" + remote.Path;
        if (!Tree.IsDirectory(resolved))
        {
            throw RenderException.At(k.File, line, $"remote base \"{remote.Display}\": no directory \"{remote.Path}\" in the repository at {remote.Ref}");
        }

        return resolved;
    }
}
