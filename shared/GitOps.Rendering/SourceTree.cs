namespace GitOps.Rendering;

/// <summary>
/// The checked-out repository as the renderer sees it: every path is resolved inside the root, and
/// a <c>../</c> or a symbolic link that leads out of it is an error. Paths handed out are relative
/// to the root, with '/' separators.
/// </summary>
internal sealed class SourceTree
{
    private readonly string _root;
    private readonly RenderOptions _options;
    private readonly SortedSet<string> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Root, RemoteBase Remote)> _mounts = new(StringComparer.Ordinal);

    public SourceTree(string repositoryRoot, RenderOptions options)
    {
        var full = Path.GetFullPath(repositoryRoot);
        if (!Directory.Exists(full))
        {
            throw new RenderException($"{repositoryRoot}: repository root does not exist");
        }

        _root = Path.TrimEndingDirectorySeparator(RealPath(full));
        _options = options;
    }

    /// <summary>Fetches remote bases; null when the render has none to offer.</summary>
    public IRemoteBases? RemoteBases { get; init; }

    /// <summary>
    /// Makes the checkout of a remote base part of the tree, under a virtual directory
    /// (<c>.remote/{hash of URL and ref}</c>) whose paths may not leave it. The render's inputs get
    /// <c>remote:{URL}?ref={ref}</c> instead of the files read there (they change only with the ref).
    /// </summary>
    /// <returns>The virtual directory of the repository's root.</returns>
    public string Mount(RemoteBase remote, string directory)
    {
        var key = $"{remote.RepositoryUrl}?ref={remote.Ref}";
        var prefix = ".remote/" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];
        _mounts[prefix] = (Path.TrimEndingDirectorySeparator(RealPath(Path.GetFullPath(directory))), remote);
        _inputs.Add("remote:" + key);
        return prefix;
    }

    /// <summary>The mount a virtual path lies in: its prefix and real root.</summary>
    private (string Prefix, string Root, RemoteBase Remote)? MountOf(string relative)
    {
        if (_mounts.Count == 0 || !relative.StartsWith(".remote/", StringComparison.Ordinal))
        {
            return null;
        }

        var end = relative.IndexOf('/', ".remote/".Length);
        var prefix = end < 0 ? relative : relative[..end];
        return _mounts.TryGetValue(prefix, out var mount) ? (prefix, mount.Root, mount.Remote) : null;
    }

    /// <summary>Whether a remote base was mounted (only then can a path need <see cref="Describe(string)"/>).</summary>
    public bool HasMounts => _mounts.Count > 0;

    /// <summary>The remote base a path lies in, and the path inside its repository; null for a path of the repository.</summary>
    public (RemoteBase Remote, string PathInRepository)? RemoteOf(string relative)
        => MountOf(relative) is { } mount ? (mount.Remote, relative[mount.Prefix.Length..].TrimStart('/')) : null;

    /// <summary>
    /// A path for people: the repository's paths as they are, a remote base's as
    /// <c>{URL}@{ref}//{path in its repository}</c> instead of the virtual <c>.remote/{hash}/...</c>.
    /// </summary>
    public string Describe(string relative) => DescribeAll(relative);

    /// <summary><see cref="Describe(string)"/> applied to every virtual path a text (an error message) holds.</summary>
    public string DescribeAll(string text)
    {
        foreach (var (prefix, mount) in _mounts)
        {
            var name = mount.Remote.Ref is null ? mount.Remote.RepositoryUrl : $"{mount.Remote.RepositoryUrl}@{mount.Remote.Ref}";
            text = text.Replace(prefix + "/", name + "//", StringComparison.Ordinal).Replace(prefix, name, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Joins <paramref name="path"/> to the directory <paramref name="baseDir"/> (both relative) and checks it stays inside.</summary>
    /// <param name="baseDir">A relative directory ("" for the root).</param>
    /// <param name="path">A relative path as written in a manifest or kustomization.</param>
    /// <param name="referrer">The file that names the path, for the error message.</param>
    public string Resolve(string baseDir, string path, string? referrer)
    {
        if (Path.IsPathRooted(path) || path.StartsWith('/'))
        {
            throw RenderException.At(referrer, null, $"absolute path \"{path}\" is not allowed: paths must be relative to the repository");
        }

        var parts = new List<string>();
        foreach (var segment in (baseDir + "/" + path).Split('/', '\\'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count == 0)
                {
                    throw RenderException.At(referrer, null, $"path \"{path}\" escapes the repository root");
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(segment);
        }

        var relative = string.Join('/', parts);
        if (MountOf(baseDir) is { } mount && relative != mount.Prefix && !relative.StartsWith(mount.Prefix + "/", StringComparison.Ordinal))
        {
            throw RenderException.At(referrer, null, $"path \"{path}\" escapes the remote repository {mount.Remote.RepositoryUrl}");
        }

        if (MountOf(baseDir) is null && MountOf(relative) is not null)
        {
            // A remote base is reached by its URL only: a path of the repository never enters a checkout.
            throw RenderException.At(referrer, null, $"path \"{path}\" is not in the repository");
        }

        CheckLinks(relative, path, referrer);
        return relative;
    }

    public string FullPath(string relative)
    {
        if (MountOf(relative) is { } mount)
        {
            var rest = relative[mount.Prefix.Length..].TrimStart('/');
            return rest.Length == 0 ? mount.Root : Path.Combine(mount.Root, rest.Replace('/', Path.DirectorySeparatorChar));
        }

        return relative.Length == 0 ? _root : Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>The path with every symbolic link resolved (to detect loops and cycles through links).</summary>
    public string RealPathOf(string relative) => RealPath(FullPath(relative));

    public bool IsDirectory(string relative) => Directory.Exists(FullPath(relative));

    /// <summary>
    /// Whether a file exists. The path is an input of the render either way: a kustomization file
    /// that appears later changes what renders.
    /// </summary>
    public bool IsFile(string relative)
    {
        Record(relative);
        return File.Exists(FullPath(relative));
    }

    /// <summary>
    /// Every path the render depended on, relative to the root: files read or probed, and
    /// directories listed (ending in '/', meaning anything below them). A change to none of these
    /// cannot change the render.
    /// </summary>
    public IReadOnlyList<string> Inputs => [.. _inputs];

    /// <summary>Reads a text file, enforcing the size limit.</summary>
    public string ReadText(string relative) => Read(relative, File.ReadAllText);

    /// <summary>Reads a file's bytes (generator sources), enforcing the size limit.</summary>
    public byte[] ReadBytes(string relative) => Read(relative, File.ReadAllBytes);

    private T Read<T>(string relative, Func<string, T> read)
    {
        Record(relative);
        var full = FullPath(relative);
        var info = new FileInfo(full);
        if (!info.Exists)
        {
            throw RenderException.At(relative, null, "file does not exist");
        }

        if (info.Length > _options.MaxFileBytes)
        {
            throw RenderException.At(relative, null, $"file is larger than the {_options.MaxFileBytes} bytes allowed");
        }

        try
        {
            return read(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RenderException.At(relative, null, $"cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The entries of a directory (names only), ordinally sorted.</summary>
    public IReadOnlyList<(string Name, bool IsDirectory)> List(string relative)
    {
        Record(relative.Length == 0 ? string.Empty : relative + "/");
        var dir = new DirectoryInfo(FullPath(relative));
        List<(string Name, bool IsDirectory)> entries;
        try
        {
            entries = dir.EnumerateFileSystemInfos().Select(e => (e.Name, IsDirectory: e is DirectoryInfo)).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RenderException.At(relative.Length == 0 ? "." : relative, null, $"cannot be listed: {e.Message}", e);
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    /// <summary>Records a path, and where a symbolic link leads inside the tree, its target too.</summary>
    private void Record(string relative)
    {
        if (MountOf(relative) is not null)
        {
            return;
        }

        _inputs.Add(relative);
        var full = FullPath(relative.TrimEnd('/'));
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return;
        }

        var real = RealPath(full);
        if (real.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && real != full)
        {
            var target = real[(_root.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/');
            _inputs.Add(relative.EndsWith('/') ? target + "/" : target);
        }
    }

    private static string RealPath(string full)
    {
        var current = Path.GetPathRoot(full) ?? "/";
        foreach (var segment in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, segment);
            var info = new FileInfo(next);
            if (info.Exists || Directory.Exists(next))
            {
                FileSystemInfo fsi = Directory.Exists(next) ? new DirectoryInfo(next) : info;
                if (fsi.LinkTarget is not null)
                {
                    try
                    {
                        next = fsi.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next;
                    }
                    catch (IOException e)
                    {
                        throw new RenderException($"{next}: symbolic link cannot be resolved (a loop?)", e);
                    }

                    next = RealPath(Path.GetFullPath(next));
                }
            }

            current = next;
        }

        return current;
    }

    private void CheckLinks(string relative, string written, string? referrer)
    {
        if (relative.Length == 0)
        {
            return;
        }

        var full = FullPath(relative);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return;
        }

        var real = RealPath(full);
        var root = MountOf(relative)?.Root ?? _root;
        if (real != root && !real.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw RenderException.At(referrer, null, $"path \"{written}\" leads out of the repository through a symbolic link");
        }
    }
}
