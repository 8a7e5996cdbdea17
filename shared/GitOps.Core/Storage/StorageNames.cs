namespace GitOps.Core.Storage;

/// <summary>
/// The names of every queue, table and blob container the product uses. Production uses the bare
/// names (the Functions bindings name them as constants); tests and parallel local runs give a
/// <see cref="Prefix"/> so that each gets its own set inside one storage account.
/// </summary>
public sealed class StorageNames
{
    public const string SourceChangesQueue = "source-changes";
    public const string ReconcileJobsQueue = "reconcile-jobs";
    public const string HealthChecksQueue = "health-checks";
    public const string DriftScanJobsQueue = "drift-scan-jobs";
    public const string NotificationsQueue = "notifications";
    public const string PoisonSuffix = "-poison";

    public const string SourcesTable = "sources";
    public const string ClustersTable = "clusters";
    public const string AppsTable = "apps";
    public const string AppStatusTable = "appstatus";
    public const string SyncHistoryTable = "synchistory";
    public const string AlertsTable = "alerts";
    public const string InventoryTable = "inventory";
    public const string DeliveriesTable = "deliveries";
    public const string RenderInputsTable = "renderinputs";
    public const string ChannelsTable = "channels";

    public const string RenderedContainer = "rendered";
    public const string DriftReportsContainer = "drift-reports";
    public const string LeasesContainer = "leases";

    public static StorageNames Default { get; } = new(string.Empty);

    /// <param name="prefix">Lowercase letters and digits, starting with a letter; empty for production names.</param>
    public StorageNames(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0 && (!char.IsAsciiLetterLower(prefix[0]) || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) || prefix.Length > 20))
        {
            throw new ArgumentException($"Storage name prefix '{prefix}' must be 1-20 lowercase letters or digits, starting with a letter.", nameof(prefix));
        }

        Prefix = prefix;
    }

    public string Prefix { get; }

    /// <summary>A queue or container name: <c>{prefix}-{name}</c>.</summary>
    public string Queue(string name) => Prefix.Length == 0 ? name : $"{Prefix}-{name}";

    public string Container(string name) => Queue(name);

    /// <summary>A table name: <c>{prefix}{name}</c> (tables allow letters and digits only).</summary>
    public string Table(string name) => Prefix + name;

    public IEnumerable<string> AllQueues()
    {
        foreach (var q in new[] { SourceChangesQueue, ReconcileJobsQueue, HealthChecksQueue, DriftScanJobsQueue, NotificationsQueue })
        {
            yield return Queue(q);
            yield return Queue(q) + PoisonSuffix;
        }
    }

    public IEnumerable<string> AllTables() =>
        new[] { SourcesTable, ClustersTable, AppsTable, AppStatusTable, SyncHistoryTable, AlertsTable, InventoryTable, DeliveriesTable, RenderInputsTable, ChannelsTable }.Select(Table);

    public IEnumerable<string> AllContainers() =>
        new[] { RenderedContainer, DriftReportsContainer, LeasesContainer }.Select(Container);
}
