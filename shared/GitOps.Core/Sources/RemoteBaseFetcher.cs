using System.Security.Cryptography;
using System.Text;
using GitOps.Core.Registry;
using GitOps.Core.Webhooks;
using GitOps.Rendering;

namespace GitOps.Core.Sources;

/// <summary>
/// Fetches the remote bases of one app's render through the source cache: credentials from the
/// registered source whose URL (same scheme and port, host and path) is the longest prefix of the
/// base's, the ref resolved with one ls-remote (a tag or a commit; a branch only when the app allows
/// floating refs), the tree exported once per commit and shared by every render that names it.
/// One instance serves one render: a base named twice is resolved once.
/// </summary>
public sealed class RemoteBaseFetcher : IRemoteBases
{
    private readonly GitSourceCache _git;
    private readonly Func<IReadOnlyList<SourceDefinition>> _sources;
    private readonly bool _allowFloatingRefs;
    private readonly Dictionary<string, string> _fetched = new(StringComparer.Ordinal);
    private IReadOnlyList<SourceDefinition>? _loaded;

    /// <param name="sources">The registered sources, read only when a render meets a remote base.</param>
    public RemoteBaseFetcher(GitSourceCache git, Func<IReadOnlyList<SourceDefinition>> sources, bool allowFloatingRefs)
    {
        _git = git;
        _sources = sources;
        _allowFloatingRefs = allowFloatingRefs;
    }

    /// <summary>The fetcher for one render of <paramref name="app"/>: the cache, the registry's sources (read only when a base is met).</summary>
    public static RemoteBaseFetcher For(GitSourceCache git, RegistryStore registry, AppDefinition app)
        => new(git, () => registry.LoadSourcesAsync().GetAwaiter().GetResult(), app.AllowFloatingRefs);

    /// <summary>True once a render used a branch (or no ref): its result can change without a commit to the app's source.</summary>
    public bool UsedFloatingRef { get; private set; }

    public string Fetch(RemoteBase remote)
    {
        var key = $"{remote.RepositoryUrl}?ref={remote.Ref}";
        if (_fetched.TryGetValue(key, out var done))
        {
            return done;
        }

        var source = SourceFor(remote);
        try
        {
            var resolved = _git.ResolveReference(source, remote.Ref)
                ?? throw new RemoteBaseException(remote.Ref is null
                    ? $"remote base {remote.Display}: {remote.RepositoryUrl} has no default branch"
                    : $"remote base {remote.Display}: no tag or branch \"{remote.Ref}\" in {remote.RepositoryUrl} (a commit must be named by its full 40-digit id)");
            if (resolved.Moves)
            {
                if (!_allowFloatingRefs)
                {
                    throw new RemoteBaseException(remote.Ref is null
                        ? $"remote base {remote.Display}: no ?ref=: pin a tag or a commit (or set allowFloatingRefs: true on the app)"
                        : $"remote base {remote.Display}: \"{remote.Ref}\" is a branch, which moves: pin a tag or a commit (or set allowFloatingRefs: true on the app)");
                }

                UsedFloatingRef = true;
            }

            var directory = _git.CheckoutAsync(source, resolved.Commit, CancellationToken.None).GetAwaiter().GetResult();
            _fetched[key] = directory;
            return directory;
        }
        catch (RevisionNotFoundException e)
        {
            throw new RemoteBaseException($"remote base {remote.Display}: commit {remote.Ref} is not on any branch or tag of {remote.RepositoryUrl}", e);
        }
        catch (SourceException e)
        {
            var message = e.Message.StartsWith($"source/{source.Name}: ", StringComparison.Ordinal) ? e.Message[(source.Name.Length + 9)..] : e.Message;
            message = message.Replace(
                GitSourceCache.NoTokenExplanation,
                "the server asks for credentials, and no registered source's URL (same scheme and port) prefixes this one: register the repository, or a group above it, as a source with a tokenSetting",
                StringComparison.Ordinal);
            throw new RemoteBaseException($"remote base {remote.Display}: {message}", e);
        }
    }

    /// <summary>The base's repository as a source of the cache: its own clone, the matching registered source's token.</summary>
    private SourceDefinition SourceFor(RemoteBase remote)
    {
        var url = GitLabWebhookHandler.NormalizeUrl(remote.RepositoryUrl);
        var match = (_loaded ??= _sources())
            .Where(s => SameOrigin(s.Url, remote.RepositoryUrl)
                && GitLabWebhookHandler.NormalizeUrl(s.Url) is var prefix && (url == prefix || url.StartsWith(prefix + "/", StringComparison.Ordinal)))
            .OrderByDescending(s => GitLabWebhookHandler.NormalizeUrl(s.Url).Length)
            .FirstOrDefault();
        var name = "remote-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(remote.RepositoryUrl)))[..16];
        return new SourceDefinition(name, remote.RepositoryUrl, TokenSetting: match?.TokenSetting);
    }

    /// <summary>
    /// Same scheme and port: a source's token never goes over plain http when the source is https,
    /// nor to another service on the same host, whatever URL a kustomization writes.
    /// </summary>
    private static bool SameOrigin(string sourceUrl, string baseUrl)
        => Uri.TryCreate(sourceUrl, UriKind.Absolute, out var a) && Uri.TryCreate(baseUrl, UriKind.Absolute, out var b)
            && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
