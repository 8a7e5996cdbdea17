using Azure;
using Azure.Data.Tables;
using GitOps.Core.Storage;

namespace GitOps.Core.Registry;

/// <summary>
/// The registry in Table storage: one row per entry in the <c>sources</c>, <c>clusters</c> and
/// <c>apps</c> tables (see <see cref="RegistryEntities"/> for the row layout). The store only ever
/// reads and writes its own partition of each table (<c>source</c>, <c>cluster</c>, <c>app</c>):
/// the <c>sources</c> table also holds the commit poller's rows. Thread-safe.
/// </summary>
public sealed partial class RegistryStore
{
    private static readonly EntryKind[] Kinds = [EntryKind.Source, EntryKind.Cluster, EntryKind.App, EntryKind.Notification];

    private readonly StorageAccount _storage;

    public RegistryStore(StorageAccount storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    /// <summary>Reads the whole registry: sources, clusters and apps, each ordered by name. Missing tables read as empty.</summary>
    /// <exception cref="InvalidDataException">A row cannot be read; the message names the entry.</exception>
    public async Task<RegistrySnapshot> LoadAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return new RegistrySnapshot(
            rows[EntryKind.Source].Rows.Values.Select(RegistryEntities.ToSource).ToList(),
            rows[EntryKind.Cluster].Rows.Values.Select(RegistryEntities.ToCluster).ToList(),
            rows[EntryKind.App].Rows.Values.Select(RegistryEntities.ToApp).ToList())
        {
            Notifications = rows[EntryKind.Notification].Rows.Values.Select(RegistryEntities.ToChannel).ToList(),
        };
    }

    /// <summary>Reads the notification channels only (one partition): what alerts need to know where to go.</summary>
    public async Task<IReadOnlyList<NotificationChannel>> LoadChannelsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ReadPartitionAsync(EntryKind.Notification, cancellationToken).ConfigureAwait(false);
        return rows.Rows.Values.Select(RegistryEntities.ToChannel).ToList();
    }

    /// <summary>
    /// The entries one job needs: the app, its source and the cluster, by point reads (three rows,
    /// whatever the registry's size), as a snapshot holding only those; absent entries are absent.
    /// </summary>
    public async Task<RegistrySnapshot> LoadForAsync(string app, string? cluster, CancellationToken cancellationToken = default)
    {
        var appRow = ReadEntryAsync(EntryKind.App, app, cancellationToken);
        var clusterRow = string.IsNullOrEmpty(cluster) ? Task.FromResult<TableEntity?>(null) : ReadEntryAsync(EntryKind.Cluster, cluster, cancellationToken);
        var definition = await appRow.ConfigureAwait(false) is { } a ? RegistryEntities.ToApp(a) : null;
        var source = definition is null ? null : await ReadEntryAsync(EntryKind.Source, definition.Source, cancellationToken).ConfigureAwait(false);
        var clusterEntity = await clusterRow.ConfigureAwait(false);
        return new RegistrySnapshot(
            source is null ? [] : [RegistryEntities.ToSource(source)],
            clusterEntity is null ? [] : [RegistryEntities.ToCluster(clusterEntity)],
            definition is null ? [] : [definition]);
    }

    /// <summary>
    /// The cluster and every app deployed to it: what a drift scan of a whole cluster needs, in one
    /// point read and one partition query. Null when the cluster is not registered.
    /// </summary>
    public async Task<(ClusterDefinition Cluster, IReadOnlyList<AppDefinition> Apps)?> LoadClusterAppsAsync(string cluster, CancellationToken cancellationToken = default)
    {
        var clusterRow = await ReadEntryAsync(EntryKind.Cluster, cluster, cancellationToken).ConfigureAwait(false);
        if (clusterRow is null)
        {
            return null;
        }

        var apps = await ReadPartitionAsync(EntryKind.App, cancellationToken).ConfigureAwait(false);
        return (RegistryEntities.ToCluster(clusterRow), apps.Rows.Values.Select(RegistryEntities.ToApp).Where(a => a.Clusters.Contains(cluster, StringComparer.Ordinal)).ToList());
    }

    /// <summary>A digest of the app's registry entry and the cluster's: different after any edit of either.</summary>
    public static string DefinitionDigest(AppDefinition app, ClusterDefinition cluster)
        => RegistryEntities.Digest(RegistryEntities.ToEntity(app)) + RegistryEntities.Digest(RegistryEntities.ToEntity(cluster));

    private async Task<TableEntity?> ReadEntryAsync(EntryKind kind, string name, CancellationToken cancellationToken)
    {
        try
        {
            var row = await Table(kind).GetEntityIfExistsAsync<TableEntity>(RegistryEntities.PartitionKey(kind), name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return row.HasValue ? row.Value : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Reads the sources only (one partition): what the webhook needs, at any number of apps.</summary>
    public async Task<IReadOnlyList<SourceDefinition>> LoadSourcesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ReadPartitionAsync(EntryKind.Source, cancellationToken).ConfigureAwait(false);
        return rows.Rows.Values.Select(RegistryEntities.ToSource).ToList();
    }

    /// <summary>
    /// Makes the stored registry hold <paramref name="desired"/>: creates new entries, updates changed
    /// ones, leaves equal ones untouched (nothing is written when nothing changed) and, with
    /// <paramref name="prune"/>, deletes stored entries <paramref name="desired"/> does not name.
    /// <paramref name="desired"/> is validated in full before anything is written.
    /// </summary>
    /// <remarks>
    /// Each partition is written in one table transaction (100 entities at most per transaction; a
    /// larger partition takes several), so a failure leaves a partition as it was. Order: new and
    /// changed sources and clusters, deleted notification channels, apps, new and changed channels,
    /// then deleted sources and clusters, so that a reader never sees an entry naming one that is not there.
    /// Rows are replaced and deleted with their ETag, and created with Add, never Upsert: when two
    /// applies race, the later one fails instead of silently overwriting a row it never read, and
    /// every Created/Updated/Unchanged it reports is true.
    /// </remarks>
    /// <returns>One change per entry: sources, clusters, apps, each ordered by name.</returns>
    /// <exception cref="ArgumentException"><paramref name="desired"/> is invalid; nothing was written.</exception>
    /// <exception cref="RegistryConflictException">Another writer changed the registry meanwhile; run again.</exception>
    public async Task<RegistryApplyResult> ApplyAsync(RegistrySnapshot desired, bool prune = false, CancellationToken cancellationToken = default)
    {
        var (existing, plans) = await PlanAllAsync(desired, prune, cancellationToken).ConfigureAwait(false);

        await WriteAsync(EntryKind.Source, existing, plans[EntryKind.Source].Upserts, cancellationToken).ConfigureAwait(false);
        await WriteAsync(EntryKind.Cluster, existing, plans[EntryKind.Cluster].Upserts, cancellationToken).ConfigureAwait(false);
        await WriteAsync(EntryKind.Notification, existing, plans[EntryKind.Notification].Deletes, cancellationToken).ConfigureAwait(false);
        await WriteAsync(EntryKind.App, existing, [.. plans[EntryKind.App].Upserts, .. plans[EntryKind.App].Deletes], cancellationToken).ConfigureAwait(false);
        await WriteAsync(EntryKind.Notification, existing, plans[EntryKind.Notification].Upserts, cancellationToken).ConfigureAwait(false);
        await WriteAsync(EntryKind.Source, existing, plans[EntryKind.Source].Deletes, cancellationToken).ConfigureAwait(false);
        await WriteAsync(EntryKind.Cluster, existing, plans[EntryKind.Cluster].Deletes, cancellationToken).ConfigureAwait(false);

        return new RegistryApplyResult(Kinds.SelectMany(k => plans[k].Changes).ToList());
    }

    /// <summary>
    /// What <see cref="ApplyAsync"/> would do now, without writing anything (<c>gitops registry apply --dry-run</c>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="desired"/> is invalid.</exception>
    public async Task<RegistryApplyResult> PlanAsync(RegistrySnapshot desired, bool prune = false, CancellationToken cancellationToken = default)
    {
        var (_, plans) = await PlanAllAsync(desired, prune, cancellationToken).ConfigureAwait(false);
        return new RegistryApplyResult(Kinds.SelectMany(k => plans[k].Changes).ToList());
    }

    /// <summary>Validates <paramref name="desired"/> in full, reads the stored rows and plans every partition.</summary>
    private async Task<(Dictionary<EntryKind, PartitionRows> Existing, Dictionary<EntryKind, PartitionPlan> Plans)> PlanAllAsync(
        RegistrySnapshot desired, bool prune, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        RegistryValidator.ThrowIfInvalid(desired);
        var desiredRows = new Dictionary<EntryKind, List<TableEntity>>
        {
            [EntryKind.Source] = desired.Sources.Select(RegistryEntities.ToEntity).ToList(),
            [EntryKind.Cluster] = desired.Clusters.Select(RegistryEntities.ToEntity).ToList(),
            [EntryKind.App] = desired.Apps.Select(RegistryEntities.ToEntity).ToList(),
            [EntryKind.Notification] = desired.Notifications.Select(RegistryEntities.ToEntity).ToList(),
        };

        var existing = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return (existing, Kinds.ToDictionary(k => k, k => Plan(k, desiredRows[k], existing[k].Rows, prune)));
    }

    private TableClient Table(EntryKind kind) => _storage.Table(RegistryEntities.TableName(kind));

    /// <summary>The rows of each kind's partition, by name (ordinal order).</summary>
    private async Task<Dictionary<EntryKind, PartitionRows>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var reads = Kinds.Select(k => ReadPartitionAsync(k, cancellationToken)).ToList();
        var partitions = await Task.WhenAll(reads).ConfigureAwait(false);
        return Kinds.Zip(partitions).ToDictionary(p => p.First, p => p.Second);
    }

    private async Task<PartitionRows> ReadPartitionAsync(EntryKind kind, CancellationToken cancellationToken)
    {
        var rows = new SortedDictionary<string, TableEntity>(StringComparer.Ordinal);
        var partition = RegistryEntities.PartitionKey(kind);
        try
        {
            var query = Table(kind).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken);
            await foreach (var row in query.ConfigureAwait(false))
            {
                rows[row.RowKey] = row;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new PartitionRows(rows, TableExists: false);
        }
        catch (RequestFailedException e)
        {
            throw new InvalidOperationException($"reading the {kind.Label()} entries from table '{Table(kind).Name}' failed ({e.Status} {e.ErrorCode})", e);
        }

        return new PartitionRows(rows, TableExists: true);
    }

    /// <param name="Rows">By name.</param>
    /// <param name="TableExists">False when the table is missing (a fresh account): it is created before the first write.</param>
    private sealed record PartitionRows(SortedDictionary<string, TableEntity> Rows, bool TableExists);
}
