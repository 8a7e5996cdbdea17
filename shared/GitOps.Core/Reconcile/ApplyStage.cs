using System.Net;
using System.Text.Json.Nodes;
using GitOps.Core.Apply;
using GitOps.Core.Kubernetes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Core.Reconcile;

/// <summary>
/// Stage apply: server-side apply of the objects the plan sends, staged. Cluster definitions (CRDs,
/// Namespaces, cluster RBAC) go first; custom objects of a CRD applied in the same revision wait
/// until it is established and its kind is served (the caller re-queues the job rather than sleep);
/// then the rest in a stable kind order. A field owned by another manager fails that object, named
/// with the manager and fields, unless forcing; the rest of the revision still applies.
/// </summary>
public sealed class ApplyStage
{
    private static readonly (string ApiVersion, string Kind) CrdKind = ("apiextensions.k8s.io/v1", "CustomResourceDefinition");

    private readonly ReconcileOptions _options;
    private readonly ILogger<ApplyStage> _logger;

    public ApplyStage(IOptions<ReconcileOptions> options, ILogger<ApplyStage> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    /// <exception cref="ApplyFailedException">The API server kept failing (after retries); holds what was confirmed before.</exception>
    public async Task<ApplyResult> ApplyAsync(ClusterClient cluster, ValidatedSync sync, bool force, CancellationToken cancellationToken)
    {
        var entries = new List<ChangeSetEntry>(sync.Plan.Unchanged);
        var definitions = sync.Plan.ToSend.Where(o => KindOrder.IsClusterDefinition(o.Ref.Kind)).ToList();
        var rest = sync.Plan.ToSend.Where(o => !KindOrder.IsClusterDefinition(o.Ref.Kind)).ToList();
        await ApplyAllAsync(cluster, sync, definitions, force, entries, cancellationToken).ConfigureAwait(false);

        var waiting = await NotYetServedAsync(cluster, rest, cancellationToken).ConfigureAwait(false);
        if (waiting.Count > 0)
        {
            _logger.LogInformation("Custom objects wait for {Crds} to be established", string.Join(", ", waiting));
            return new ApplyResult(new ChangeSet(entries), waiting);
        }

        await ApplyAllAsync(cluster, sync, rest, force, entries, cancellationToken).ConfigureAwait(false);
        return new ApplyResult(new ChangeSet(entries), []);
    }

    /// <summary>Kind after kind, the objects of a kind at once; what is confirmed lands in <paramref name="entries"/> even when a later object fails.</summary>
    private async Task ApplyAllAsync(ClusterClient cluster, ValidatedSync sync, IReadOnlyList<DesiredObject> objects, bool force, List<ChangeSetEntry> entries, CancellationToken cancellationToken)
    {
        try
        {
            await KindBatches.RunAsync(objects, _options.ApplyConcurrency, (obj, ct) => ApplyOneAsync(cluster, sync, obj, force, ct), entries.Add, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
        {
            // The API server stayed unavailable (after retries): what was confirmed moves the inventory forward.
            throw new ApplyFailedException(new ChangeSet(entries.ToList()), e);
        }
    }

    /// <exception cref="KubernetesApiException">A failure that retrying may fix.</exception>
    private async Task<ChangeSetEntry> ApplyOneAsync(ClusterClient cluster, ValidatedSync sync, DesiredObject obj, bool force, CancellationToken cancellationToken)
    {
        var key = obj.Ref.Key;
        var conflict = sync.Conflicts.GetValueOrDefault(key);
        if (conflict is not null && !force)
        {
            return Failed(obj, $"{conflict} (not forced: set force: true on the app to take these fields over)");
        }

        JsonObject live;
        bool created;
        try
        {
            (live, created) = await cluster.ApplyAsync(obj.Resource, obj.Body, Ownership.FieldManager, force, dryRun: false, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.StatusCode == HttpStatusCode.Conflict && ConflictDetails.Describe(ClusterClient.StatusOf(e)) is { } raced)
        {
            return Failed(obj, $"{raced} (not forced: set force: true on the app to take these fields over)");
        }
        catch (KubernetesApiException e) when (e.IsPermanent)
        {
            return Failed(obj, e.Message);
        }

        var resourceVersion = (string?)live["metadata"]?["resourceVersion"];
        var action = created ? ChangeAction.Created
            : sync.Owned.TryGetValue(key, out var before) && before.ResourceVersion == resourceVersion ? ChangeAction.Unchanged
            : ChangeAction.Configured;
        _logger.LogDebug("{Object} {Action}", obj.Ref.ToString(), action);
        return new ChangeSetEntry(obj.Ref, action, obj.Resource.ApiVersion, resourceVersion, obj.Hash)
        {
            SourceFile = obj.SourceFile,
            Message = conflict is null ? null : $"forced: took over the fields of another manager ({conflict})",
        };
    }

    private ChangeSetEntry Failed(DesiredObject obj, string message)
    {
        _logger.LogWarning("{Object} not applied: {Reason}", obj.Ref.ToString(), message);
        return new ChangeSetEntry(obj.Ref, ChangeAction.Failed, obj.Resource.ApiVersion, null, obj.Hash) { SourceFile = obj.SourceFile, Message = message };
    }

    /// <summary>
    /// The CRDs (by name) whose custom objects cannot be applied yet: not <c>Established</c>, or their kind
    /// not yet in discovery (looked up afresh, since a CRD just applied adds it).
    /// </summary>
    private static async Task<IReadOnlyList<string>> NotYetServedAsync(ClusterClient cluster, IReadOnlyList<DesiredObject> objects, CancellationToken cancellationToken)
    {
        var pending = objects.Where(o => o.DefinedBy is not null).GroupBy(o => o.DefinedBy!, StringComparer.Ordinal).ToList();
        if (pending.Count == 0)
        {
            return [];
        }

        var crds = await cluster.ResolveAsync(CrdKind.ApiVersion, CrdKind.Kind, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"cluster '{cluster.Name}' does not serve {CrdKind.Kind} in {CrdKind.ApiVersion}.");
        var waiting = new List<string>();
        foreach (var group in pending)
        {
            var crd = await cluster.GetAsync(crds, null, group.Key, cancellationToken).ConfigureAwait(false);
            var established = (crd?["status"]?["conditions"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Any(c => (string?)c["type"] == "Established" && (string?)c["status"] == "True");
            var served = true;
            foreach (var kind in group.Select(o => (o.Resource.ApiVersion, o.Ref.Kind)).Distinct())
            {
                served &= established && await cluster.ResolveAsync(kind.ApiVersion, kind.Kind, cancellationToken).ConfigureAwait(false) is not null;
            }

            if (!served)
            {
                waiting.Add(group.Key);
            }
        }

        return waiting;
    }
}
