namespace GitOps.Rendering;

/// <summary>
/// A kustomization entry naming a base in another git repository, as Kustomize writes them:
/// <c>https://host/group/repo.git//deploy/base?ref=v1.4.0</c> (<c>.git</c>, or <c>//</c>, or Azure's
/// <c>_git/name</c> ends the repository part; <c>?version=</c> is a synonym of <c>?ref=</c>;
/// <c>github.com/...</c>, <c>gitlab.com/...</c> and <c>bitbucket.org/...</c> mean https).
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
            || entry.StartsWith("github.com/", StringComparison.Ordinal)
            || entry.StartsWith("gitlab.com/", StringComparison.Ordinal)
            || entry.StartsWith("bitbucket.org/", StringComparison.Ordinal)
            || entry.Contains("?ref=", StringComparison.Ordinal);

    /// <exception cref="FormatException">Not a git URL Kustomize would fetch, or one this renderer refuses; the message never holds credentials.</exception>
    public static RemoteBase Parse(string entry)
    {
        if (entry.StartsWith("git@", StringComparison.Ordinal) || entry.StartsWith("ssh://", StringComparison.Ordinal) || entry.StartsWith("git::", StringComparison.Ordinal))
        {
            throw new FormatException($"remote base \"{Redact(entry)}\": SSH remote bases are not supported yet: use its https URL (the token of the registry source for that host is used)");
        }

        var url = entry.StartsWith("github.com/", StringComparison.Ordinal) || entry.StartsWith("gitlab.com/", StringComparison.Ordinal) || entry.StartsWith("bitbucket.org/", StringComparison.Ordinal)
            ? "https://" + entry
            : entry;
        if (!url.StartsWith("https://", StringComparison.Ordinal) && !url.StartsWith("http://", StringComparison.Ordinal))
        {
            throw new FormatException($"remote base \"{Redact(entry)}\": only http(s) git URLs are supported");
        }

        var query = string.Empty;
        var mark = url.IndexOf('?', StringComparison.Ordinal);
        if (mark >= 0)
        {
            query = url[(mark + 1)..];
            url = url[..mark];
        }

        var scheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var slash = url.IndexOf('/', scheme);
        var authority = slash < 0 ? url[scheme..] : url[scheme..slash];
        if (authority.Contains('@', StringComparison.Ordinal))
        {
            throw new FormatException($"remote base \"{Redact(entry)}\": credentials in the URL are not allowed: register a source for this repository (or a prefix of it) with a token setting");
        }

        var (repository, path) = SplitRepository(url, scheme)
            ?? throw new FormatException($"remote base \"{Redact(entry)}\": not a git repository URL (no \".git\", \"_git/\" or \"//\" marks the repository): plain http(s) files are not supported");
        path = path.Trim('/');
        if (path.Split('/').Any(s => s is ".." or "."))
        {
            throw new FormatException($"remote base \"{Redact(entry)}\": the path inside the repository may not contain \".\" or \"..\"");
        }

        string? reference = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = equals < 0 ? (pair, string.Empty) : (pair[..equals], Uri.UnescapeDataString(pair[(equals + 1)..]));
            switch (key)
            {
                case "ref" or "version":
                    reference = value.Length == 0 ? null : value;
                    break;
                case "timeout" or "submodules":
                    break;
                default:
                    throw new FormatException($"remote base \"{Redact(entry)}\": unknown query parameter \"{key}\" (ref, version, timeout, submodules)");
            }
        }

        return new RemoteBase(repository, path, reference);
    }

    private static (string Repository, string Path)? SplitRepository(string url, int scheme)
    {
        var doubleSlash = url.IndexOf("//", scheme, StringComparison.Ordinal);
        if (doubleSlash >= 0)
        {
            return (url[..doubleSlash], url[(doubleSlash + 2)..]);
        }

        var git = url.IndexOf(".git/", scheme, StringComparison.Ordinal);
        if (git >= 0)
        {
            return (url[..(git + 4)], url[(git + 5)..]);
        }

        if (url.EndsWith(".git", StringComparison.Ordinal))
        {
            return (url, string.Empty);
        }

        var azure = url.IndexOf("/_git/", scheme, StringComparison.Ordinal);
        if (azure >= 0)
        {
            var end = url.IndexOf('/', azure + 6);
            return end < 0 ? (url, string.Empty) : (url[..end], url[(end + 1)..]);
        }

        return null;
    }

    /// <summary>The entry without anything between the scheme and an '@' (user, password, token).</summary>
    public static string Redact(string entry)
    {
        var scheme = entry.IndexOf("://", StringComparison.Ordinal);
        var at = entry.IndexOf('@', StringComparison.Ordinal);
        var slash = scheme < 0 ? -1 : entry.IndexOf('/', scheme + 3);
        return scheme >= 0 && at > scheme && (slash < 0 || at < slash) ? entry[..(scheme + 3)] + "***@" + entry[(at + 1)..] : entry;
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
