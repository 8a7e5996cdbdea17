namespace GitOps.Rendering;

/// <summary>
/// A kustomization entry naming a base in another git repository, as Kustomize (v5) writes them:
/// <c>https://host/group/repo.git//deploy/base?ref=v1.4.0</c>. Azure's <c>_git/name</c>, else <c>//</c>,
/// else <c>.git</c> ends the repository part; on github.com without one, <c>org/repo</c> does;
/// <c>?version=</c> is a synonym of <c>?ref=</c> (which wins); <c>git::</c> is dropped;
/// <c>github.com/...</c>, <c>gitlab.com/...</c> and <c>bitbucket.org/...</c> mean https. Other hosts
/// need a marker, so that a plain file URL is never taken for a repository.
/// </summary>
/// <param name="RepositoryUrl">The repository's URL (never with credentials).</param>
/// <param name="Path">The directory inside the repository ("" for its root).</param>
/// <param name="Ref">The tag, commit or (where allowed) branch; null when the entry names none.</param>
public sealed record RemoteBase(string RepositoryUrl, string Path, string? Ref)
{
    /// <summary>The entry as written back, for messages and render inputs.</summary>
    public string Display => $"{RepositoryUrl}{(Path.Length == 0 ? string.Empty : "//" + Path)}{(Ref is null ? string.Empty : "?ref=" + Ref)}";

    /// <summary>Whether a resources/components entry is a URL rather than a path.</summary>
    public static bool LooksRemote(string entry)
        => entry.Contains("://", StringComparison.Ordinal)
            || entry.StartsWith("git@", StringComparison.Ordinal)
            || entry.StartsWith("git::", StringComparison.OrdinalIgnoreCase)
            || ShorthandHosts.Any(h => entry.StartsWith(h + "/", StringComparison.OrdinalIgnoreCase) || entry.StartsWith(h + ":", StringComparison.OrdinalIgnoreCase))
            || entry.Contains("?ref=", StringComparison.Ordinal)
            || entry.Contains("?version=", StringComparison.Ordinal);

    /// <summary>Hosts Kustomize accepts without a scheme (<c>github.com/org/repo</c>), meaning https.</summary>
    private static readonly string[] ShorthandHosts = ["github.com", "gitlab.com", "bitbucket.org"];

    /// <exception cref="FormatException">Not a git URL Kustomize would fetch, or one this renderer refuses; the message never holds credentials.</exception>
    public static RemoteBase Parse(string entry)
    {
        // go-getter's "git::" prefix: Kustomize strips it (it never meant the git protocol there).
        var url = entry.StartsWith("git::", StringComparison.OrdinalIgnoreCase) ? entry[5..] : entry;
        if (IsSsh(url))
        {
            throw new FormatException($"remote base \"{Redact(entry)}\": SSH remote bases are not supported yet: use https (the token of the registry source whose URL prefixes it is used)");
        }

        if (ShorthandHosts.Any(h => url.StartsWith(h + "/", StringComparison.OrdinalIgnoreCase)))
        {
            url = "https://" + url;
        }

        var scheme = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "https://"
            : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "http://"
            : throw new FormatException($"remote base \"{Redact(entry)}\": only http(s) git URLs are supported");
        url = scheme + url[scheme.Length..];

        var query = string.Empty;
        var mark = url.IndexOf('?', StringComparison.Ordinal);
        if (mark >= 0)
        {
            query = url[(mark + 1)..];
            url = url[..mark];
        }

        var slash = url.IndexOf('/', scheme.Length);
        var authority = slash < 0 ? url[scheme.Length..] : url[scheme.Length..slash];
        if (authority.Contains('@', StringComparison.Ordinal))
        {
            throw new FormatException($"remote base \"{Redact(entry)}\": credentials in the URL are not allowed: register a source for this repository (or a prefix of it) with a token setting");
        }

        if (authority.Length == 0 || slash < 0)
        {
            throw new FormatException($"remote base \"{Redact(entry)}\": no repository after the host");
        }

        if (url.Length > slash + 1 && url[slash + 1] == '/')
        {
            throw new FormatException($"remote base \"{Redact(entry)}\": not a repository path after the host");
        }

        var host = url[..(slash + 1)];
        var (repository, path) = SplitRepository(url[(slash + 1)..], github: authority.Equals("github.com", StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException($"remote base \"{Redact(entry)}\": not a git repository URL (no \".git\", \"_git/\" or \"//\" marks the repository): plain http(s) files are not supported");
        repository = repository.TrimEnd('/');
        if (repository.Length == 0 || repository.Split('/').Any(s => s.Length == 0 || s is "." or ".."))
        {
            throw new FormatException($"remote base \"{Redact(entry)}\": not a repository path after the host");
        }

        path = path.Trim('/');
        if (path.Split('/').Any(s => s is ".." or "."))
        {
            throw new FormatException($"remote base \"{Redact(entry)}\": the path inside the repository may not contain \".\" or \"..\"");
        }

        return new RemoteBase(host + repository, path, Reference(entry, query));
    }

    /// <summary>The ref from the query (<c>ref</c> wins over <c>version</c>, as in Kustomize); timeout and submodules are accepted and ignored.</summary>
    private static string? Reference(string entry, string query)
    {
        string? reference = null, version = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = equals < 0 ? (pair, string.Empty) : (pair[..equals], Uri.UnescapeDataString(pair[(equals + 1)..]));
            switch (key)
            {
                case "ref":
                    reference = value.Length == 0 ? reference : value;
                    break;
                case "version":
                    version = value.Length == 0 ? version : value;
                    break;
                case "timeout" or "submodules":
                    break;
                default:
                    throw new FormatException($"remote base \"{Redact(entry)}\": unknown query parameter \"{key}\" (ref, version, timeout, submodules)");
            }
        }

        return reference ?? version;
    }

    /// <summary>SSH forms: <c>ssh://</c>, <c>git@host:org/repo</c>, <c>github.com:org/repo</c>, any <c>user@host:path</c> without a scheme.</summary>
    private static bool IsSsh(string url)
    {
        if (url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("git@", StringComparison.Ordinal)
            || url.StartsWith("github.com:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var at = url.IndexOf('@', StringComparison.Ordinal);
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var slash = url.IndexOf('/', StringComparison.Ordinal);
        return !url.Contains("://", StringComparison.Ordinal) && at > 0 && colon > at && (slash < 0 || colon < slash);
    }

    /// <summary>
    /// Splits the part after the host into the repository and the directory inside it, by Kustomize's
    /// markers in its order: <c>_git/name</c> (Azure DevOps), <c>//</c>, <c>.git</c>; without one, on
    /// github.com only, the first two segments (org/repo) as Kustomize has always read GitHub URLs. Null: no marker.
    /// </summary>
    private static (string Repository, string Path)? SplitRepository(string rest, bool github)
    {
        var azure = rest.IndexOf("_git/", StringComparison.Ordinal);
        if (azure >= 0)
        {
            var end = rest.IndexOf('/', azure + 5);
            return end < 0 ? (rest, string.Empty) : (rest[..end], rest[(end + 1)..]);
        }

        var doubleSlash = rest.IndexOf("//", StringComparison.Ordinal);
        if (doubleSlash >= 0)
        {
            return (rest[..doubleSlash], rest[(doubleSlash + 2)..]);
        }

        var git = rest.IndexOf(".git/", StringComparison.Ordinal);
        if (git >= 0)
        {
            return (rest[..(git + 4)], rest[(git + 5)..]);
        }

        if (rest.EndsWith(".git", StringComparison.Ordinal))
        {
            return (rest, string.Empty);
        }

        if (github && rest.Split('/') is { Length: >= 2 } segments)
        {
            return (segments[0] + "/" + segments[1], string.Join('/', segments[2..]));
        }

        return null;
    }

    /// <summary>The entry without user information (user, password, token): after a scheme, or before an SSH host's ':' (except the usual <c>git@</c>).</summary>
    public static string Redact(string entry)
    {
        var scheme = entry.IndexOf("://", StringComparison.Ordinal);
        var at = entry.IndexOf('@', StringComparison.Ordinal);
        var slash = entry.IndexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (scheme >= 0)
        {
            return at > scheme && (slash < 0 || at < slash) ? entry[..(scheme + 3)] + "***@" + entry[(at + 1)..] : entry;
        }

        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        return at > 0 && (slash < 0 || at < slash) && (colon < 0 || at < colon) && !entry.StartsWith("git@", StringComparison.Ordinal)
            ? "***@" + entry[(at + 1)..]
            : entry;
    }
}

/// <summary>Fetches remote bases for a render (the registry's credentials, the source cache).</summary>
public interface IRemoteBases
{
    /// <summary>The repository of <paramref name="remote"/> checked out at its ref, as a local directory never modified afterwards.</summary>
    /// <exception cref="RemoteBaseException">It cannot be fetched; the message names the URL without credentials.</exception>
    string Fetch(RemoteBase remote);
}

/// <summary>A remote base cannot be fetched (refused token, unknown ref, floating ref not allowed...).</summary>
public sealed class RemoteBaseException(string message, Exception? inner = null) : Exception(message, inner);
