using System.Text.Json.Nodes;
using GitOps.Core.Apply;
using GitOps.Core.Inventory;
using GitOps.Core.Kubernetes;
using GitOps.Core.Registry;
using ChangeAction = GitOps.Core.Apply.ChangeAction;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Reconcile;

/// <summary>
/// Stage prune: deletes what Git removed, workloads before namespaces and CRDs, with background
/// propagation. Only objects in the app's inventory that still carry its label live; never one
/// annotated <c>gitops-functions.io/prune: disabled</c>, never a Namespace holding anything that is
/// not this app's to delete, never a CRD whose kind still has objects of others. What is kept is
/// reported as orphaned; a failed delete stays in the inventory for the next sync.
/// </summary>
public sealed class PruneStage
{
    private readonly ILogger<PruneStage> _logger;

    public PruneStage(ILogger<PruneStage> logger) => _logger = logger;

    public async Task<IReadOnlyList<ChangeSetEntry>> PruneAsync(ClusterClient cluster, AppDefinition app, ValidatedSync sync, CancellationToken cancellationToken)
    {
        var removed = sync.Plan.Removed;
        if (removed.Count == 0)
        {
            return [];
        }

        if (!app.Prune)
        {
            return removed.Select(e => Entry(e, ChangeAction.Orphaned, $"prune is off for app '{app.Name}'")).ToList();
        }

        var entries = new List<ChangeSetEntry>(removed.Count);
        var pruning = removed.Select(e => e.Object.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in removed.OrderByDescending(e => KindOrder.Key(e.Object.Kind)).ThenBy(e => e.Object.Key, StringComparer.Ordinal))
        {
            entries.Add(await PruneOneAsync(cluster, app.Name, sync, entry, pruning, cancellationToken).ConfigureAwait(false));
        }

        return entries;
    }

    private async Task<ChangeSetEntry> PruneOneAsync(
        ClusterClient cluster, string app, ValidatedSync sync, InventoryEntry entry, HashSet<string> pruning, CancellationToken cancellationToken)
    {
        var obj = entry.Object;
        var resource = await cluster.ResolveAsync(entry.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false);
        if (resource is null)
        {
            return Entry(entry, ChangeAction.Pruned, $"already gone: {obj.Kind} is no longer served by the cluster");
        }

        try
        {
            if (!sync.Owned.TryGetValue(obj.Key, out var live))
            {
                // Not listed with the app's label: gone (NotFound counts as deleted), or relabelled and no longer ours.
                return await cluster.GetAsync(resource, obj.Namespace, obj.Name, cancellationToken).ConfigureAwait(false) is null
                    ? Entry(entry, ChangeAction.Pruned, "already gone")
                    : Entry(entry, ChangeAction.Orphaned, $"it no longer carries {Ownership.SelectorFor(app)}: not ours to delete");
            }

            if (live.PruneDisabled)
            {
                return Entry(entry, ChangeAction.Orphaned, $"annotated {Ownership.PruneAnnotation}: {Ownership.PruneDisabled}");
            }

            var guard = obj.Kind == "Namespace" && obj.Group.Length == 0 ? await NamespaceGuardAsync(cluster, app, obj.Name, sync, pruning, cancellationToken).ConfigureAwait(false)
                : obj.Kind == "CustomResourceDefinition" ? await CrdGuardAsync(cluster, app, obj.Name, cancellationToken).ConfigureAwait(false)
                : null;
            if (guard is not null)
            {
                return Entry(entry, ChangeAction.Orphaned, guard);
            }

            var deleted = await cluster.DeleteAsync(resource, obj.Namespace, obj.Name, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Pruned {Object}{Gone}", obj.ToString(), deleted ? string.Empty : " (already gone)");
            return Entry(entry, ChangeAction.Pruned, deleted ? null : "already gone");
        }
        catch (KubernetesApiException e)
        {
            _logger.LogWarning("Prune of {Object} failed; it stays in the inventory and is retried next sync: {Error}", obj.ToString(), e.Message);
            return Entry(entry, ChangeAction.Failed, $"prune failed, retried next sync: {e.Message}");
        }
    }

    /// <summary>Why the namespace must stay: it holds objects of the revision, of another app, or not ours; null when it may go.</summary>
    private static async Task<string?> NamespaceGuardAsync(
        ClusterClient cluster, string app, string ns, ValidatedSync sync, HashSet<string> pruning, CancellationToken cancellationToken)
    {
        if (sync.Desired.FirstOrDefault(d => d.Ref.Namespace == ns) is { } wanted)
        {
            return $"it holds {wanted.Ref}, which Git still has";
        }

        var kept = new List<string>();
        foreach (var resource in (await cluster.ListServedResourcesAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.Namespaced && r.Listable))
        {
            if (resource.Kind == "Event")
            {
                continue;
            }

            foreach (var item in await cluster.ListAsync(resource, ns, null, cancellationToken).ConfigureAwait(false))
            {
                var live = LiveObject.From(resource, item);
                if (!(live.App == app && pruning.Contains(live.Ref.Key)) && !CreatedByCluster(resource, item))
                {
                    kept.Add(live.App is { } other && other != app ? $"{live.Ref} (app '{other}')" : live.Ref.ToString());
                }
            }
        }

        return kept.Count == 0 ? null
            : $"it holds {kept.Count} object(s) that are not this app's to delete: {string.Join(", ", kept.Take(5))}{(kept.Count > 5 ? ", ..." : string.Empty)}";
    }

    /// <summary>Why the CRD must stay: its kind still has objects that are not this app's; null when it may go.</summary>
    private static async Task<string?> CrdGuardAsync(ClusterClient cluster, string app, string name, CancellationToken cancellationToken)
    {
        var crds = await cluster.ResolveAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", cancellationToken).ConfigureAwait(false);
        var crd = crds is null ? null : await cluster.GetAsync(crds, null, name, cancellationToken).ConfigureAwait(false);
        var spec = crd?["spec"] as JsonObject;
        var group = (string?)spec?["group"];
        var kind = (string?)spec?["names"]?["kind"];
        var version = (spec?["versions"] as JsonArray ?? []).OfType<JsonObject>().Select(v => (string?)v["name"]).FirstOrDefault(v => v is not null);
        if (group is null || kind is null || version is null
            || await cluster.ResolveAsync($"{group}/{version}", kind, cancellationToken).ConfigureAwait(false) is not { } resource)
        {
            return null;
        }

        var others = (await cluster.ListAsync(resource, null, $"{Ownership.AppLabel}!={app}", cancellationToken).ConfigureAwait(false)).Count;
        return others == 0 ? null : $"{others} {kind} object(s) that are not this app's still exist; deleting the CRD would delete them";
    }

    /// <summary>Objects a cluster puts in every namespace, or that a controller made from another object: not a reason to keep the namespace.</summary>
    private static bool CreatedByCluster(ResourceInfo resource, JsonObject item)
    {
        var name = (string?)item["metadata"]?["name"];
        return (item["metadata"]?["ownerReferences"] as JsonArray)?.Count > 0
            || (resource.Group.Length == 0 && resource.Kind == "ServiceAccount" && name == "default")
            || (resource.Group.Length == 0 && resource.Kind == "ConfigMap" && name == "kube-root-ca.crt");
    }

    private static ChangeSetEntry Entry(InventoryEntry entry, ChangeAction action, string? message)
        => new(entry.Object, action, entry.ApiVersion, null, string.Empty) { Message = message };
}
