using GitOps.Core.Apply;
using GitOps.Core.Inventory;
using GitOps.Core.Kubernetes;
using GitOps.Core.Registry;
using GitOps.Core.Sources;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Reconcile;

/// <summary>
/// The stages of one sync, in order: source → render → validate → apply → prune. Each stage is its
/// own type with a narrow input and output; this class only hands one's output to the next.
/// A stage that fails for good throws <see cref="StageFailedException"/> naming its stage and objects.
/// </summary>
public sealed class SyncPipeline
{
    private readonly GitSourceCache _source;
    private readonly RenderStage _render;
    private readonly ClusterConnector _clusters;
    private readonly InventoryStore _inventory;
    private readonly ValidateStage _validate;
    private readonly ApplyStage _apply;
    private readonly PruneStage _prune;
    private readonly ILogger<SyncPipeline> _logger;

    public SyncPipeline(
        GitSourceCache source, RenderStage render, ClusterConnector clusters, InventoryStore inventory,
        ValidateStage validate, ApplyStage apply, PruneStage prune, ILogger<SyncPipeline> logger)
    {
        _source = source;
        _render = render;
        _clusters = clusters;
        _inventory = inventory;
        _validate = validate;
        _apply = apply;
        _prune = prune;
        _logger = logger;
    }

    /// <param name="force">Take over fields owned by other managers (the app's <c>force</c>, or a drift correction under policy <c>correct</c>).</param>
    /// <exception cref="StageFailedException">A stage failed for good.</exception>
    /// <exception cref="ApplyFailedException">The cluster kept failing mid-apply (retry the job); holds what was confirmed.</exception>
    public async Task<SyncOutcome> RunAsync(AppDefinition app, SourceDefinition source, ClusterDefinition cluster, string revision, bool force, CancellationToken cancellationToken)
    {
        string checkout;
        (string Author, string Title)? commit;
        using (Telemetry.Start("gitops.source", app.Name, cluster.Name, revision))
        {
            checkout = await _source.CheckoutAsync(source, revision, cancellationToken).ConfigureAwait(false);
            commit = await _source.CommitInfoAsync(source, revision, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            Rendering.RenderResult rendered;
            using (var span = Telemetry.Start("gitops.render", app.Name, cluster.Name, revision))
            {
                rendered = await _render.RenderAsync(app, revision, checkout, cancellationToken).ConfigureAwait(false);
                span?.SetTag("gitops.objects", rendered.Objects.Count);
            }

            using var client = _clusters.Connect(cluster);
            var inventory = await _inventory.ListAsync(app.Name, cluster.Name, cancellationToken).ConfigureAwait(false);
            ValidatedSync validated;
            using (Telemetry.Start("gitops.validate", app.Name, cluster.Name, revision))
            {
                validated = await _validate.ValidateAsync(client, app, rendered, inventory, cancellationToken).ConfigureAwait(false);
            }

            ApplyResult applied;
            using (var span = Telemetry.Start("gitops.apply", app.Name, cluster.Name, revision))
            {
                applied = await _apply.ApplyAsync(client, validated, force, cancellationToken).ConfigureAwait(false);
                span?.SetTag("gitops.sent", validated.Plan.ToSend.Count);
            }

            if (applied.IsWaiting)
            {
                return new SyncOutcome(validated.Desired, applied.Changes, inventory, applied.WaitingFor, 0) { Warnings = rendered.Warnings, Commit = commit };
            }

            if (applied.Changes.HasFailures)
            {
                _logger.LogWarning("Prune of {Count} object(s) deferred: some objects failed to apply", validated.Plan.Removed.Count);
                return new SyncOutcome(validated.Desired, applied.Changes, inventory, [], validated.Plan.Removed.Count) { Warnings = rendered.Warnings, Commit = commit };
            }

            IReadOnlyList<ChangeSetEntry> pruned;
            using (Telemetry.Start("gitops.prune", app.Name, cluster.Name, revision))
            {
                pruned = await _prune.PruneAsync(client, app, validated, cancellationToken).ConfigureAwait(false);
            }

            return new SyncOutcome(validated.Desired, applied.Changes.Concat(pruned), inventory, [], 0) { Warnings = rendered.Warnings, Commit = commit };
        }
        catch (StageFailedException e)
        {
            e.Commit ??= commit;
            throw;
        }
    }
}
