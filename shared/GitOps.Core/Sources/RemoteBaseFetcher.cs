using System.Security.Cryptography;
using System.Text;
using GitOps.Core.Registry;
using GitOps.Core.Webhooks;
using GitOps.Rendering;

namespace GitOps.Core.Sources;

/// <summary>
/// Fetches the remote bases of one app's render through the source cache: credentials from the
/// registered source whose URL (host and path) is the longest prefix of the base's, the ref resolved
/// with one ls-remote (a tag or a commit; a branch only when the app allows floating refs), the tree
/// exported once per commit and shared by every render that names it.
/// </summary>
public sealed class RemoteBaseFetcher : IRemoteBases
{
    private readonly GitSourceCache _git;
    private readonly Func<IReadOnlyList<SourceDefinition>> _sources;
    private readonly bool _allowFloatingRefs;
    private IReadOnlyList<SourceDefinition>? _loaded;

    /// <param name="sources">The registered sources, read only when a render meets a remote base.</param>
    public RemoteBaseFetcher(GitSourceCache git, Func<IReadOnlyList<SourceDefinition>> sources, bool allowFloatingRefs)
    {
        _git = git;
        _sources = sources;
        _allowFloatingRefs = allowFloatingRefs;
    }

    /// <summary>True once a render used a branch (or no ref): its result can change without a commit to the app's source.</summary>
    public bool UsedFloatingRef { get; private set; }

    public string Fetch(RemoteBase remote)
    {
        var source = SourceFor(remote);
        try
        {
            var resolved = _git.ResolveReference(source, remote.Ref)
                ?? throw new RemoteBaseException($"remote base {remote.Display}: no tag or branch \"{remote.Ref}\" in {remote.RepositoryUrl}");
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

            return _git.CheckoutAsync(source, resolved.Commit, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (SourceException e)
        {
            var message = e.Message.StartsWith($"source/{source.Name}: ", StringComparison.Ordinal) ? e.Message[(source.Name.Length + 9)..] : e.Message;
            throw new RemoteBaseException($"remote base {remote.Display}: {message}", e);
        }
    }

    /// <summary>The base's repository as a source of the cache: its own clone, the matching registered source's token.</summary>
    private SourceDefinition SourceFor(RemoteBase remote)
    {
        var url = GitLabWebhookHandler.NormalizeUrl(remote.RepositoryUrl);
        var match = (_loaded ??= _sources())
            .Where(s => GitLabWebhookHandler.NormalizeUrl(s.Url) is var prefix && (url == prefix || url.StartsWith(prefix + "/", StringComparison.Ordinal)))
            .OrderByDescending(s => GitLabWebhookHandler.NormalizeUrl(s.Url).Length)
            .FirstOrDefault();
        var name = "remote-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(remote.RepositoryUrl)))[..16];
        return new SourceDefinition(name, remote.RepositoryUrl, TokenSetting: match?.TokenSetting);
    }
}
