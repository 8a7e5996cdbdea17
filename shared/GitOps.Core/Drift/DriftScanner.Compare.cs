using System.Text.Json.Nodes;
using GitOps.Core.Apply;
using GitOps.Core.Inventory;
using GitOps.Core.Kubernetes;
using GitOps.Core.Reconcile;
using GitOps.Core.Registry;

namespace GitOps.Core.Drift;

public sealed partial class DriftScanner
{
    /// <summary>
    /// One LIST per kind of the applied set (label selector of the app, paged) gives every live object
    /// the app owns; each desired object is compared with its live copy, a missing one is drift, and a
    /// labelled object neither applied nor in the inventory is an orphan.
    /// </summary>
    /// <param name="listedBefore">Objects this scan already listed for these kinds (<c>apiVersion|kind</c> lines): not listed again when the applied set's kinds are the same.</param>
    /// <returns>The drift, the orphans, the live objects listed, and the applied set's kinds (<c>apiVersion|kind</c> lines).</returns>
    private static async Task<(List<DriftItem> Items, List<string> Orphans, Dictionary<string, (ObjectRef Ref, JsonObject Item)> Live, string Kinds)> CompareAsync(
        ClusterClient client, AppDefinition app, IReadOnlyList<(JsonObject Body, string? SourceFile)> desired, IReadOnlyList<InventoryEntry> inventory, SecretMasker masker,
        (string Kinds, Dictionary<string, (ObjectRef Ref, JsonObject Item)> Live)? listedBefore, CancellationToken cancellationToken)
    {
        var kinds = desired.Select(d => ((string?)d.Body["apiVersion"] ?? string.Empty, (string?)d.Body["kind"] ?? string.Empty)).Distinct().ToList();
        var kindLines = string.Join('\n', kinds.Select(k => $"{k.Item1}|{k.Item2}").Order(StringComparer.Ordinal));
        var resources = await ResolveAsync(client, kinds, cancellationToken).ConfigureAwait(false);
        var live = listedBefore is { } before && before.Kinds == kindLines
            ? before.Live
            : await ListLiveAsync(client, app, resources, cancellationToken).ConfigureAwait(false);

        var items = new List<DriftItem>();
        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (body, sourceFile) in desired)
        {
            var resource = resources[((string?)body["apiVersion"] ?? string.Empty, (string?)body["kind"] ?? string.Empty)];
            var reference = ObjectRef.From(body) with { Group = resource?.Group ?? ObjectRef.From(body).Group };
            applied.Add(reference.Key);
            if (!live.TryGetValue(reference.Key, out var current))
            {
                items.Add(new DriftItem(reference.ToString(), string.Empty, JsonValue.Create("present"), null) { SourceFile = sourceFile });
                continue;
            }

            items.AddRange(DriftComparer.Compare(reference.ToString(), body, masker.Mask(current.Item), app.DriftRulesFor(reference))
                .Select(i => i with { SourceFile = sourceFile }));
        }

        var recorded = inventory.Select(e => e.Object.Key).ToHashSet(StringComparer.Ordinal);
        var orphans = live
            .Where(l => !applied.Contains(l.Key) && !recorded.Contains(l.Key))
            .Select(l => l.Value.Ref.ToString())
            .Order(StringComparer.Ordinal)
            .ToList();
        return (items, orphans, live, kindLines);
    }

    private static async Task<Dictionary<(string ApiVersion, string Kind), ResourceInfo?>> ResolveAsync(
        ClusterClient client, IEnumerable<(string ApiVersion, string Kind)> kinds, CancellationToken cancellationToken)
    {
        var resources = new Dictionary<(string ApiVersion, string Kind), ResourceInfo?>();
        foreach (var kind in kinds)
        {
            resources[kind] = await client.ResolveAsync(kind.ApiVersion, kind.Kind, cancellationToken).ConfigureAwait(false);
        }

        return resources;
    }

    /// <summary>The app's live objects of the given kinds (one LIST per resource, by the app's label), by object key.</summary>
    private static async Task<Dictionary<string, (ObjectRef Ref, JsonObject Item)>> ListLiveAsync(
        ClusterClient client, AppDefinition app, Dictionary<(string ApiVersion, string Kind), ResourceInfo?> resources, CancellationToken cancellationToken)
    {
        var live = new Dictionary<string, (ObjectRef Ref, JsonObject Item)>(StringComparer.Ordinal);
        foreach (var resource in resources.Values.OfType<ResourceInfo>().DistinctBy(r => (r.Group, r.Plural)))
        {
            foreach (var item in await client.ListAsync(resource, null, Ownership.SelectorFor(app.Name), cancellationToken).ConfigureAwait(false))
            {
                var reference = LiveObject.From(resource, item).Ref;
                live[reference.Key] = (reference, item);
            }
        }

        return live;
    }
}
