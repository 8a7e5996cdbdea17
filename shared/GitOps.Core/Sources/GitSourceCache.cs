using System.Collections.Concurrent;
using GitOps.Core.Registry;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Core.Sources;

/// <summary>
/// Reads sources: the remote branch head without cloning, and a revision's files through a cached
/// clone per source that is fetched incrementally. Each revision is exported once into an immutable
/// folder, so concurrent jobs of one source never share a mutable work tree.
/// </summary>
public sealed class GitSourceCache
{
    private readonly GitSourceOptions _options;
    private readonly GitCredentials _credentials;
    private readonly ILogger<GitSourceCache> _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public GitSourceCache(IOptions<GitSourceOptions> options, GitCredentials credentials, ILogger<GitSourceCache> logger)
    {
        _options = options.Value;
        _credentials = credentials;
        _logger = logger;
    }

    /// <summary>The commit the remote branch points at (one ls-remote; no clone).</summary>
    public string GetRemoteHead(SourceDefinition source)
    {
        var refName = "refs/heads/" + source.Branch;
        IEnumerable<Reference> refs;
        try
        {
            refs = Repository.ListRemoteReferences(source.Url, _credentials.For(source));
        }
        catch (LibGit2SharpException e)
        {
            throw new SourceException($"source/{source.Name}: cannot list the references of {Redact(source.Url)}: {Explain(source, e)}", e);
        }

        var head = refs.FirstOrDefault(r => r.CanonicalName == refName)
            ?? throw new SourceException($"source/{source.Name}: branch '{source.Branch}' does not exist in {Redact(source.Url)}.");
        return head.TargetIdentifier;
    }

    /// <summary>
    /// What <paramref name="reference"/> names in the remote repository (one ls-remote): a tag (its
    /// commit, annotated tags peeled), a branch (then <c>Moves</c>), or, for 40 hex digits, that commit;
    /// null <paramref name="reference"/> is the default branch (HEAD). Null when nothing matches.
    /// </summary>
    public (string Commit, bool Moves)? ResolveReference(SourceDefinition source, string? reference)
    {
        if (reference is { Length: 40 } && reference.All(Uri.IsHexDigit))
        {
            return (reference.ToLowerInvariant(), false);
        }

        List<Reference> refs;
        try
        {
            refs = Repository.ListRemoteReferences(source.Url, _credentials.For(source)).ToList();
        }
        catch (LibGit2SharpException e)
        {
            throw new SourceException($"cannot list the references of {Redact(source.Url)}: {Explain(source, e)}", e);
        }

        string? Target(string name) => refs.FirstOrDefault(r => r.CanonicalName == name + "^{}")?.TargetIdentifier
            ?? refs.FirstOrDefault(r => r.CanonicalName == name) switch
            {
                SymbolicReference symbolic => symbolic.ResolveToDirectReference()?.TargetIdentifier,
                { } direct => direct.TargetIdentifier,
                null => null,
            };

        if (reference is null)
        {
            return Target("HEAD") is { } head ? (head, true) : null;
        }

        return Target("refs/tags/" + reference) is { } tag ? (tag, false)
            : Target("refs/heads/" + reference) is { } branch ? (branch, true)
            : null;
    }

    /// <summary>
    /// The files of <paramref name="revision"/>, as a folder that is never modified afterwards.
    /// Fetches only when the revision is not in the cached clone yet.
    /// </summary>
    public async Task<string> CheckoutAsync(SourceDefinition source, string revision, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(source.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var treeDir = Path.Combine(_options.CacheDirectory, source.Name, "trees", revision);
            if (Directory.Exists(treeDir))
            {
                Directory.SetLastWriteTimeUtc(treeDir, DateTime.UtcNow);
                return treeDir;
            }

            using var repo = OpenClone(source);
            var commit = repo.Lookup<Commit>(revision);
            if (commit is null)
            {
                Fetch(repo, source);
                commit = repo.Lookup<Commit>(revision)
                    ?? throw new RevisionNotFoundException($"source/{source.Name}: revision {revision} is not in {Redact(source.Url)} any more (branch '{source.Branch}' was force-pushed?).");
            }

            var staging = treeDir + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
            Export(repo, commit.Tree, staging);
            Directory.Move(staging, treeDir);
            _logger.LogDebug("Exported {Source} at {Revision} to {Folder}", source.Name, revision, treeDir);
            RemoveOldTrees(Path.GetDirectoryName(treeDir)!);
            return treeDir;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The repository paths that differ between the trees of <paramref name="from"/> and
    /// <paramref name="to"/> (both sides of a rename), or null when the history is unknown:
    /// <paramref name="from"/> is gone, or <paramref name="to"/> does not descend from it (a force push).
    /// </summary>
    public async Task<IReadOnlyList<string>?> ChangedPathsAsync(SourceDefinition source, string from, string to, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(source.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var repo = OpenClone(source);
            if (repo.Lookup<Commit>(from) is null || repo.Lookup<Commit>(to) is null)
            {
                Fetch(repo, source);
            }

            var a = repo.Lookup<Commit>(from);
            var b = repo.Lookup<Commit>(to) ?? throw new RevisionNotFoundException($"source/{source.Name}: revision {to} is not in {Redact(source.Url)} (branch '{source.Branch}').");
            if (a is null || repo.ObjectDatabase.FindMergeBase(a, b)?.Sha != a.Sha)
            {
                return null;
            }

            var paths = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var change in repo.Diff.Compare<TreeChanges>(a.Tree, b.Tree))
            {
                paths.Add(change.Path);
                paths.Add(change.OldPath);
            }

            return [.. paths];
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The full id of <paramref name="revision"/> (a full or abbreviated commit id) when it is a commit
    /// of the tracked branch (its head or an ancestor of it); null when it is not.
    /// </summary>
    public async Task<string?> ResolveOnBranchAsync(SourceDefinition source, string revision, CancellationToken cancellationToken)
    {
        var head = await Task.Run(() => GetRemoteHead(source), cancellationToken).ConfigureAwait(false);
        var gate = _locks.GetOrAdd(source.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var repo = OpenClone(source);
            if (repo.Lookup<Commit>(head) is null)
            {
                Fetch(repo, source);
            }

            var tip = repo.Lookup<Commit>(head);
            var commit = revision.Length >= 4 && revision.All(char.IsAsciiHexDigit) ? repo.Lookup<Commit>(revision) : null;
            return tip is null || commit is null ? null
                : commit.Sha == tip.Sha || repo.ObjectDatabase.FindMergeBase(commit, tip)?.Sha == commit.Sha ? commit.Sha
                : null;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The author (name and e-mail) and title of a commit in the cached clone; null when it is not there.</summary>
    public async Task<(string Author, string Title)?> CommitInfoAsync(SourceDefinition source, string revision, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(source.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var repo = OpenClone(source);
            return repo.Lookup<Commit>(revision) is { } commit ? ($"{commit.Author.Name} <{commit.Author.Email}>", commit.MessageShort) : null;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Removes per-revision trees beyond the newest used few, never one used within the grace period (a job may be reading it).</summary>
    private void RemoveOldTrees(string treesDir)
    {
        var cutoff = DateTime.UtcNow - _options.TreeGracePeriod;
        var old = new DirectoryInfo(treesDir).EnumerateDirectories()
            .Where(d => !d.Name.Contains(".tmp-", StringComparison.Ordinal))
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .Skip(_options.KeepTrees)
            .Where(d => d.LastWriteTimeUtc < cutoff);
        foreach (var dir in old)
        {
            try
            {
                dir.Delete(recursive: true);
                _logger.LogDebug("Removed the tree of {Revision}", dir.Name);
            }
            catch (IOException e)
            {
                _logger.LogDebug("Tree {Folder} not removed: {Error}", dir.FullName, e.Message);
            }
        }
    }

    private Repository OpenClone(SourceDefinition source)
    {
        var path = Path.Combine(_options.CacheDirectory, source.Name, "clone.git");
        if (!Directory.Exists(path))
        {
            // Initialised aside and moved in: a process sharing the cache folder never opens a half-made clone.
            var staging = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
            Repository.Init(staging, isBare: true);
            try
            {
                Directory.Move(staging, path);
            }
            catch (IOException) when (Directory.Exists(path))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        var repo = new Repository(path);
        var origin = repo.Network.Remotes["origin"];
        if (origin is null)
        {
            repo.Network.Remotes.Add("origin", source.Url, "+refs/heads/*:refs/remotes/origin/*");
        }
        else if (origin.Url != source.Url)
        {
            repo.Network.Remotes.Update("origin", r => r.Url = source.Url);
        }

        return repo;
    }

    private void Fetch(Repository repo, SourceDefinition source)
    {
        try
        {
            var options = new FetchOptions { CredentialsProvider = _credentials.For(source), Prune = true };
            Commands.Fetch(repo, "origin", ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"], options, logMessage: null);
        }
        catch (LibGit2SharpException e)
        {
            throw new SourceException($"source/{source.Name}: fetch from {Redact(source.Url)} failed: {Explain(source, e)}", e);
        }
    }

    private static void Export(Repository repo, Tree tree, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var entry in tree)
        {
            var target = Path.Combine(folder, entry.Name);
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree:
                    Export(repo, (Tree)entry.Target, target);
                    break;
                case TreeEntryTargetType.Blob when entry.Mode == Mode.SymbolicLink:
                    // Symlinks are kept as links so the renderer can refuse those that leave the checkout.
                    var linkTarget = ((Blob)entry.Target).GetContentText();
                    File.CreateSymbolicLink(target, linkTarget);
                    break;
                case TreeEntryTargetType.Blob:
                    using (var content = ((Blob)entry.Target).GetContentStream())
                    using (var file = File.Create(target))
                    {
                        content.CopyTo(file);
                    }

                    break;
            }
        }
    }

    /// <summary>What a refusal of a source without a token says.</summary>
    internal const string NoTokenExplanation = "the server asks for credentials: name the setting holding an access token in the source's tokenSetting";

    /// <summary>
    /// libgit2's words for a refused token ("too many redirects or authentication replays") or a
    /// missing one ("remote authentication required but no callback set") said plainly.
    /// </summary>
    private static string Explain(SourceDefinition source, LibGit2SharpException e)
        => e.Message.Contains("authentication replays", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("401", StringComparison.Ordinal)
            || e.Message.Contains("authentication required", StringComparison.OrdinalIgnoreCase)
            ? source.TokenSetting is null
                ? NoTokenExplanation
                : $"the server refused the token in setting '{source.TokenSetting}' (expired, revoked, or without read_repository scope?)"
            : e.Message;

    /// <summary>A URL without user information, for messages.</summary>
    internal static string Redact(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal)
            : url;
}
