using System.Text.Json.Nodes;
using DiffPlex.Renderer;
using GitOps.Core.Apply;
using GitOps.Core.Inventory;
using GitOps.Core.Kubernetes;
using GitOps.Core.Reconcile;
using GitOps.Core.Registry;
using GitOps.Core.Sources;
using GitOps.Core.Status;
using GitOps.Rendering;

namespace GitOps.Core.Operations;

/// <summary>One object a sync would change: a unified diff of the live object against the server's dry-run result (Secret values masked).</summary>
/// <param name="Object">Kind/namespace/name.</param>
/// <param name="Diff">The unified diff; for a new object, every line added.</param>
public sealed record ObjectDiff(string Object, string Diff);

/// <summary>What a sync would do now: the objects it would change, and those prune would delete.</summary>
public sealed record SyncPreview(string App, string Cluster, string Revision, IReadOnlyList<ObjectDiff> Changes, IReadOnlyList<string> Prune)
{
    public bool Changed => Changes.Count > 0 || Prune.Count > 0;
}

/// <summary>
/// <c>gitops diff</c>: renders a revision (default: the pin, else the branch head) or a directory, and
/// asks the cluster what applying each object would give (server-side apply, dry run), so the diff
/// shows exactly what the API server would store: defaults, other managers' fields and all. Nothing
/// is written.
/// </summary>
public sealed class SyncDiff
{
    private static readonly string[] Volatile = ["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp"];

    private readonly RegistryStore _registry;
    private readonly AppStatusStore _status;
    private readonly GitSourceCache _git;
    private readonly ManifestRenderer _renderer;
    private readonly ClusterConnector _clusters;
    private readonly InventoryStore _inventory;
    private readonly ValidateStage _validate;
    private readonly SecretMasker _masker;

    public SyncDiff(
        RegistryStore registry, AppStatusStore status, GitSourceCache git, ManifestRenderer renderer, ClusterConnector clusters, InventoryStore inventory, ValidateStage validate, SecretMasker masker)
    {
        _registry = registry;
        _status = status;
        _git = git;
        _renderer = renderer;
        _clusters = clusters;
        _inventory = inventory;
        _validate = validate;
        _masker = masker;
    }

    /// <param name="app">The app.</param>
    /// <param name="cluster">The cluster; null for the app's only cluster.</param>
    /// <param name="revision">A commit of the source; null for the pin, else the branch head.</param>
    /// <param name="dir">A local checkout to render instead of a revision (a merge request's tree).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="OperationException">Unknown app or cluster (404), a revision not on the branch (400).</exception>
    /// <exception cref="StageFailedException">The revision does not render or validate; the problems name file or object.</exception>
    public async Task<SyncPreview> PreviewAsync(string app, string? cluster, string? revision, string? dir, CancellationToken cancellationToken)
    {
        var registry = await _registry.LoadForAsync(app, cluster, cancellationToken).ConfigureAwait(false);
        var definition = registry.FindApp(app) ?? throw new OperationException(404, $"app/{app} is not registered");
        var source = registry.FindSource(definition.Source) ?? throw new OperationException(404, $"source/{definition.Source} is not registered");
        cluster ??= definition.Clusters.Count == 1 ? definition.Clusters[0] : throw new OperationException(400, $"cluster: app/{app} is applied to {string.Join(", ", definition.Clusters)}: name one");
        var target = (await _registry.LoadForAsync(app, cluster, cancellationToken).ConfigureAwait(false)).FindCluster(cluster);
        if (target is null || !definition.Clusters.Contains(cluster))
        {
            throw new OperationException(404, $"app/{app} is not applied to cluster/{cluster}");
        }

        string root;
        string label;
        if (dir is not null)
        {
            (root, label) = (dir, "(local tree)");
        }
        else
        {
            var status = await _status.GetAsync(app, cluster, cancellationToken).ConfigureAwait(false);
            var wanted = revision ?? status?.PinnedRevision ?? _git.GetRemoteHead(source);
            var full = await _git.ResolveOnBranchAsync(source, wanted, cancellationToken).ConfigureAwait(false)
                ?? throw new OperationException(400, $"revision: {wanted} is not a commit of branch '{source.Branch}' of source/{source.Name}");
            (root, label) = (await _git.CheckoutAsync(source, full, cancellationToken).ConfigureAwait(false), full);
        }

        RenderResult rendered;
        try
        {
            rendered = _renderer.Render(new RenderRequest(root, definition.Path)
            {
                Variables = definition.Variables,
                StrictVariables = definition.StrictVariables,
                RemoteBases = RemoteBaseFetcher.For(_git, _registry, definition),
            });
        }
        catch (RenderException e)
        {
            throw new StageFailedException(ReconcileStage.Render, new StageProblem(e.File is null ? definition.Path : e.Line is null ? e.File : $"{e.File}:{e.Line}", e.Message), e);
        }

        using var client = _clusters.Connect(target);
        var inventory = await _inventory.ListAsync(app, cluster, cancellationToken).ConfigureAwait(false);
        var validated = await _validate.ValidateAsync(client, definition, rendered, inventory, cancellationToken).ConfigureAwait(false);
        var changes = new List<ObjectDiff>();
        foreach (var desired in validated.Desired)
        {
            var live = await client.GetAsync(desired.Resource, desired.Ref.Namespace, desired.Ref.Name, cancellationToken).ConfigureAwait(false);
            string after;
            try
            {
                after = Text(_masker.Mask((await client.ApplyAsync(desired.Resource, desired.Body, Ownership.FieldManager, definition.Force, dryRun: true, cancellationToken).ConfigureAwait(false)).Live));
            }
            catch (KubernetesApiException e)
            {
                changes.Add(new ObjectDiff(desired.Ref.ToString(), $"# would fail: {e.Message}\n"));
                continue;
            }

            var before = live is null ? string.Empty : Text(_masker.Mask(live));
            if (before != after)
            {
                var diff = UnidiffRenderer.GenerateUnidiff(before, after, live is null ? "/dev/null" : $"live/{desired.Ref}", $"{label[..Math.Min(12, label.Length)]}/{desired.Ref}", ignoreWhitespace: false, contextLines: 3);
                changes.Add(new ObjectDiff(desired.Ref.ToString(), diff));
            }
        }

        return new SyncPreview(app, cluster, label, changes, definition.Prune ? validated.Plan.Removed.Select(r => r.Object.ToString()).ToList() : []);
    }

    /// <summary>The object as YAML without what changes on every write (managedFields, resourceVersion, ...).</summary>
    private static string Text(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var field in Volatile)
            {
                metadata.Remove(field);
            }
        }

        copy.Remove("status");
        return ManifestYaml.Write([copy]);
    }
}
