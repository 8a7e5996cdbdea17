using System.Net;
using System.Text.Json.Nodes;
using GitOps.Core.Apply;
using GitOps.Core.Inventory;
using GitOps.Core.Kubernetes;
using GitOps.Core.Registry;
using GitOps.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Core.Reconcile;

/// <summary>
/// Stage validate: everything that can be known before the first write. Each object is resolved
/// against discovery (or a CRD of the same revision), namespaced, labelled and checked against the
/// app's tenancy; one LIST per kind finds what the app owns live; objects another app owns are
/// refused; the plan decides what to send; the objects to send are dry-run. Any problem fails the
/// sync here, naming every object and file, and nothing is written.
/// </summary>
public sealed partial class ValidateStage
{
    private readonly ReconcileOptions _options;
    private readonly ILogger<ValidateStage> _logger;

    public ValidateStage(IOptions<ReconcileOptions> options, ILogger<ValidateStage> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    public async Task<ValidatedSync> ValidateAsync(
        ClusterClient cluster, AppDefinition app, RenderResult rendered, IReadOnlyList<InventoryEntry> inventory, CancellationToken cancellationToken)
    {
        if (rendered.Objects.Count == 0 && inventory.Count > 0 && !app.AllowEmpty)
        {
            throw new StageFailedException(ReconcileStage.Validate, new StageProblem($"app/{app.Name}",
                $"the revision renders no objects at '{app.Path}'; pruning all {inventory.Count} object(s) the app has on cluster '{cluster.Name}' is refused (set allowEmpty: true to allow it)."));
        }

        var desired = await PrepareAsync(cluster, app, rendered.Objects, cancellationToken).ConfigureAwait(false);
        var owned = await ListOwnedAsync(cluster, app.Name, desired, inventory, cancellationToken).ConfigureAwait(false);
        desired = desired.Select(d => IgnoredFields.Omit(d, app.DriftRulesFor(d.Ref), owned.GetValueOrDefault(d.Ref.Key))).ToList();
        var plan = ApplyPlan.Create(desired, inventory, owned);
        await RefuseOtherAppsObjectsAsync(cluster, app.Name, plan.ToSend.Where(o => !owned.ContainsKey(o.Ref.Key)).ToList(), cancellationToken).ConfigureAwait(false);
        var conflicts = await DryRunAsync(cluster, plan.ToSend, cancellationToken).ConfigureAwait(false);
        _logger.LogDebug("Plan for {Cluster}: {Send} to send, {Unchanged} unchanged, {Removed} removed from Git", cluster.Name, plan.ToSend.Count, plan.Unchanged.Count, plan.Removed.Count);
        return new ValidatedSync(desired, plan, owned, conflicts);
    }

    /// <summary>
    /// One LIST per kind the revision or the inventory holds (label selector of the app, paged): the
    /// live resourceVersion of every object the app owns.
    /// </summary>
    private static async Task<Dictionary<string, LiveObject>> ListOwnedAsync(
        ClusterClient cluster, string app, IReadOnlyList<DesiredObject> desired, IReadOnlyList<InventoryEntry> inventory, CancellationToken cancellationToken)
    {
        var resources = desired.Where(d => d.DefinedBy is null).Select(d => d.Resource).ToList();
        foreach (var (apiVersion, kind) in inventory.Select(e => (e.ApiVersion, e.Object.Kind)).Distinct())
        {
            if (await cluster.ResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false) is { } resource)
            {
                resources.Add(resource);
            }
        }

        var owned = new Dictionary<string, LiveObject>(StringComparer.Ordinal);
        foreach (var resource in resources.DistinctBy(r => (r.Group, r.Plural)))
        {
            foreach (var item in await cluster.ListAsync(resource, null, Ownership.SelectorFor(app), cancellationToken).ConfigureAwait(false))
            {
                var live = LiveObject.From(resource, item);
                owned[live.Ref.Key] = live;
            }
        }

        return owned;
    }

    /// <summary>An object that carries another app's label is never taken over: one LIST per kind that has objects new to this app.</summary>
    private static async Task RefuseOtherAppsObjectsAsync(ClusterClient cluster, string app, IReadOnlyList<DesiredObject> newObjects, CancellationToken cancellationToken)
    {
        var problems = new List<StageProblem>();
        foreach (var group in newObjects.Where(o => o.DefinedBy is null).GroupBy(o => (o.Resource.Group, o.Resource.Plural)))
        {
            var resource = group.First().Resource;
            var others = (await cluster.ListAsync(resource, null, Ownership.SelectorForOthers(app), cancellationToken).ConfigureAwait(false))
                .Select(item => LiveObject.From(resource, item))
                .ToDictionary(o => o.Ref.Key, StringComparer.Ordinal);
            foreach (var obj in group)
            {
                if (others.TryGetValue(obj.Ref.Key, out var other))
                {
                    problems.Add(new StageProblem(obj.Where,
                        $"it belongs to app '{other.App}' ({Ownership.AppLabel}={other.App}); app '{app}' will not take it over. Remove it from one of the two apps."));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new StageFailedException(ReconcileStage.Validate, problems);
        }
    }

    /// <summary>
    /// Dry-runs the objects to send, without force (kind after kind, the objects of a kind at once).
    /// Field conflicts are returned (the apply stage fails those objects, or takes the fields over
    /// when forcing); any other refusal fails the sync.
    /// </summary>
    private async Task<Dictionary<string, string>> DryRunAsync(ClusterClient cluster, IReadOnlyList<DesiredObject> objects, CancellationToken cancellationToken)
    {
        var namespacesInSet = objects.Where(o => o.Ref.Kind == "Namespace" && o.Ref.Group.Length == 0).Select(o => o.Ref.Name).ToHashSet(StringComparer.Ordinal);
        var problems = new List<StageProblem>();
        var conflicts = new Dictionary<string, string>(StringComparer.Ordinal);

        // A custom object whose kind is not served before its CRD (stage one) is established cannot be dry-run now.
        await KindBatches.RunAsync(
            objects.Where(o => o.DefinedBy is null).ToList(),
            _options.ApplyConcurrency,
            (obj, ct) => DryRunOneAsync(cluster, obj, namespacesInSet, ct),
            result =>
            {
                if (result.Conflict is not null)
                {
                    conflicts[result.Key] = result.Conflict;
                }

                if (result.Problem is not null)
                {
                    problems.Add(result.Problem);
                }
            },
            cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            throw new StageFailedException(ReconcileStage.Validate, problems);
        }

        return conflicts;
    }

    private static async Task<(string Key, string? Conflict, StageProblem? Problem)> DryRunOneAsync(
        ClusterClient cluster, DesiredObject obj, HashSet<string> namespacesInSet, CancellationToken cancellationToken)
    {
        try
        {
            await cluster.ApplyAsync(obj.Resource, obj.Body, Ownership.FieldManager, force: false, dryRun: true, cancellationToken).ConfigureAwait(false);
            return (obj.Ref.Key, null, null);
        }
        catch (KubernetesApiException e) when (e.StatusCode == HttpStatusCode.NotFound && obj.Ref.Namespace is { } ns && namespacesInSet.Contains(ns))
        {
            // Its namespace is created by this same revision in stage one.
            return (obj.Ref.Key, null, null);
        }
        catch (KubernetesApiException e) when (e.StatusCode == HttpStatusCode.Conflict && ConflictDetails.Describe(ClusterClient.StatusOf(e)) is { } conflict)
        {
            return (obj.Ref.Key, conflict, null);
        }
        catch (KubernetesApiException e) when (e.IsPermanent)
        {
            return (obj.Ref.Key, null, new StageProblem(obj.Where, e.Message));
        }
    }
}
