using System.Text.Json;
using Azure.Data.Tables;
using GitOps.Core.Storage;

namespace GitOps.Core.Registry;

/// <summary>
/// Maps registry entries to table rows and back: one row per entry, PartitionKey = the entry kind
/// (<c>source</c>, <c>cluster</c>, <c>app</c>), RowKey = the name, flat columns, lists and maps as JSON.
/// Absent optional fields are absent columns. Reading ignores columns it does not know, so rows
/// written by a newer version still load.
/// </summary>
internal static class RegistryEntities
{
    /// <summary>Version of the row layout, stored in every row.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Largest string a table column holds (64 KiB of UTF-16).</summary>
    public const int MaxColumnChars = 32 * 1024;

    private const string SchemaVersionColumn = "SchemaVersion";

    public static string TableName(EntryKind kind) => kind switch
    {
        EntryKind.Source => StorageNames.SourcesTable,
        EntryKind.Cluster => StorageNames.ClustersTable,
        EntryKind.Notification => StorageNames.ChannelsTable,
        _ => StorageNames.AppsTable,
    };

    /// <summary>The partition holding entries of <paramref name="kind"/>: the other partitions of the table belong to others.</summary>
    public static string PartitionKey(EntryKind kind) => kind.Label();

    public static TableEntity ToEntity(SourceDefinition source)
    {
        var entity = New(EntryKind.Source, source.Name);
        entity["Url"] = source.Url;
        entity["Branch"] = source.Branch;
        SetOptional(entity, "TokenSetting", source.TokenSetting);
        SetOptional(entity, "WebhookTokenSetting", source.WebhookTokenSetting);
        SetOptional(entity, "GitLabProject", source.GitLab?.Project);
        SetOptional(entity, "GitLabApiUrl", source.GitLab?.ApiUrl);
        SetOptional(entity, "GitLabApiTokenSetting", source.GitLab?.ApiTokenSetting);
        return entity;
    }

    public static TableEntity ToEntity(ClusterDefinition cluster)
    {
        var entity = New(EntryKind.Cluster, cluster.Name);
        SetOptional(entity, "KubeconfigFile", cluster.KubeconfigFile);
        SetOptional(entity, "KubeconfigSetting", cluster.KubeconfigSetting);
        SetOptional(entity, "Context", cluster.Context);
        SetOptional(entity, "Server", cluster.Server);
        SetOptional(entity, "TokenSetting", cluster.TokenSetting);
        SetOptional(entity, "CaSetting", cluster.CaSetting);
        if (cluster.AzureAuth)
        {
            entity["AzureAuth"] = true;
        }

        if (cluster.InsecureSkipTlsVerify)
        {
            entity["InsecureSkipTlsVerify"] = true;
        }

        return entity;
    }

    public static TableEntity ToEntity(AppDefinition app)
    {
        var entity = New(EntryKind.App, app.Name);
        entity["Source"] = app.Source;
        entity["Path"] = app.Path;
        entity["Clusters"] = Column(app, "clusters", JsonSerializer.Serialize(app.Clusters.ToList(), RegistryJsonContext.Default.ListString));
        SetOptional(entity, "Namespace", app.Namespace);
        entity["SyncPolicy"] = app.SyncPolicy.ToString().ToLowerInvariant();
        entity["DriftPolicy"] = app.DriftPolicy.ToString().ToLowerInvariant();

        // Sorted, so that the same variables in another order are the same row (no spurious update).
        var variables = new SortedDictionary<string, string>(app.Variables.ToDictionary(), StringComparer.Ordinal);
        entity["Variables"] = Column(app, "variables", JsonSerializer.Serialize(variables, RegistryJsonContext.Default.SortedDictionaryStringString));
        entity["StrictVariables"] = app.StrictVariables;
        entity["Prune"] = app.Prune;
        entity["AllowEmpty"] = app.AllowEmpty;
        entity["Force"] = app.Force;
        entity["AutoRollback"] = app.AutoRollback;
        entity["AllowFloatingRefs"] = app.AllowFloatingRefs;
        if (app.AllowedNamespaces is not null)
        {
            entity["AllowedNamespaces"] = Column(app, "allowedNamespaces", JsonSerializer.Serialize(app.AllowedNamespaces.ToList(), RegistryJsonContext.Default.ListString));
        }

        if (app.ClusterScopedKinds is not null)
        {
            entity["ClusterScopedKinds"] = Column(app, "clusterScopedKinds", JsonSerializer.Serialize(app.ClusterScopedKinds.ToList(), RegistryJsonContext.Default.ListString));
        }

        entity["CrdTimeout"] = RegistryRules.FormatDuration(app.CrdTimeout);
        if (app.HealthTimeout is { } healthTimeout)
        {
            entity["HealthTimeout"] = RegistryRules.FormatDuration(healthTimeout);
        }
        if (app.IgnoreDifferences.Count > 0)
        {
            entity["IgnoreDifferences"] = Column(app, "ignoreDifferences", JsonSerializer.Serialize(app.IgnoreDifferences.ToList(), RegistryJsonContext.Default.ListIgnoreDifference));
        }
        return entity;
    }

    public static TableEntity ToEntity(NotificationChannel channel)
    {
        var entity = New(EntryKind.Notification, channel.Name);
        entity["Type"] = RegistryRules.ChannelTypeName(channel.Type);
        entity["UrlSetting"] = channel.UrlSetting;
        SetOptional(entity, "SecretSetting", channel.SecretSetting);
        entity["MinSeverity"] = channel.MinSeverity.ToString().ToLowerInvariant();
        if (channel.Apps.Count > 0)
        {
            entity["Apps"] = JsonSerializer.Serialize(channel.Apps.ToList(), RegistryJsonContext.Default.ListString);
        }

        if (channel.Clusters.Count > 0)
        {
            entity["Clusters"] = JsonSerializer.Serialize(channel.Clusters.ToList(), RegistryJsonContext.Default.ListString);
        }

        if (channel.Kinds.Count > 0)
        {
            entity["Kinds"] = JsonSerializer.Serialize(channel.Kinds.Select(RegistryRules.AlertKindName).ToList(), RegistryJsonContext.Default.ListString);
        }

        return entity;
    }

    public static NotificationChannel ToChannel(TableEntity entity)
    {
        List<string> List(string column) => entity.GetString(column) is { } json ? JsonSerializer.Deserialize(json, RegistryJsonContext.Default.ListString) ?? [] : [];
        return new NotificationChannel(entity.RowKey, RegistryRules.ParseChannelType(Required(entity, EntryKind.Notification, "Type")), Required(entity, EntryKind.Notification, "UrlSetting"))
        {
            SecretSetting = entity.GetString("SecretSetting"),
            MinSeverity = Enum.TryParse<Alerts.AlertSeverity>(entity.GetString("MinSeverity"), ignoreCase: true, out var severity) ? severity : Alerts.AlertSeverity.Warning,
            Apps = List("Apps"),
            Clusters = List("Clusters"),
            Kinds = List("Kinds").Select(k => RegistryRules.ParseAlertKind(k)!.Value).ToList(),
        };
    }

    public static SourceDefinition ToSource(TableEntity entity) =>
        new(entity.RowKey, Required(entity, EntryKind.Source, "Url"), entity.GetString("Branch") ?? "main", entity.GetString("TokenSetting"))
        {
            WebhookTokenSetting = entity.GetString("WebhookTokenSetting"),
            GitLab = entity.GetString("GitLabProject") is null && entity.GetString("GitLabApiUrl") is null
                ? null
                : new GitLabProject(entity.GetString("GitLabProject"), entity.GetString("GitLabApiUrl"), entity.GetString("GitLabApiTokenSetting")),
        };

    public static ClusterDefinition ToCluster(TableEntity entity) =>
        new(entity.RowKey, entity.GetString("KubeconfigFile"), entity.GetString("KubeconfigSetting"), entity.GetString("Context"))
        {
            Server = entity.GetString("Server"),
            TokenSetting = entity.GetString("TokenSetting"),
            CaSetting = entity.GetString("CaSetting"),
            AzureAuth = entity.GetBoolean("AzureAuth") ?? false,
            InsecureSkipTlsVerify = entity.GetBoolean("InsecureSkipTlsVerify") ?? false,
        };

    public static AppDefinition ToApp(TableEntity entity)
    {
        var entry = EntryKind.App.Describe(entity.RowKey);
        try
        {
            return new AppDefinition
            {
                Name = entity.RowKey,
                Source = Required(entity, EntryKind.App, "Source"),
                Path = Required(entity, EntryKind.App, "Path"),
                Clusters = JsonSerializer.Deserialize(Required(entity, EntryKind.App, "Clusters"), RegistryJsonContext.Default.ListString) ?? [],
                Namespace = entity.GetString("Namespace"),
                SyncPolicy = ParseEnum<SyncPolicy>(entity, "SyncPolicy", SyncPolicy.Auto),
                DriftPolicy = ParseEnum<DriftPolicy>(entity, "DriftPolicy", DriftPolicy.Alert),
                Variables = entity.GetString("Variables") is { } json
                    ? JsonSerializer.Deserialize(json, RegistryJsonContext.Default.DictionaryStringString) ?? []
                    : new Dictionary<string, string>(),
                StrictVariables = entity.GetBoolean("StrictVariables") ?? false,
                Prune = entity.GetBoolean("Prune") ?? true,
                AllowEmpty = entity.GetBoolean("AllowEmpty") ?? false,
                Force = entity.GetBoolean("Force") ?? false,
                AutoRollback = entity.GetBoolean("AutoRollback") ?? false,
                AllowFloatingRefs = entity.GetBoolean("AllowFloatingRefs") ?? false,
                AllowedNamespaces = entity.GetString("AllowedNamespaces") is { } allowed
                    ? JsonSerializer.Deserialize(allowed, RegistryJsonContext.Default.ListString)
                    : null,
                ClusterScopedKinds = entity.GetString("ClusterScopedKinds") is { } kinds
                    ? JsonSerializer.Deserialize(kinds, RegistryJsonContext.Default.ListString)
                    : null,
                IgnoreDifferences = entity.GetString("IgnoreDifferences") is { } ignore
                    ? JsonSerializer.Deserialize(ignore, RegistryJsonContext.Default.ListIgnoreDifference) ?? []
                    : [],
                HealthTimeout = entity.GetString("HealthTimeout") is { } health && RegistryRules.CheckDuration(health) is null
                    ? RegistryRules.ParseDuration(health)
                    : null,
                CrdTimeout = entity.GetString("CrdTimeout") is { } timeout && RegistryRules.CheckDuration(timeout) is null
                    ? RegistryRules.ParseDuration(timeout)
                    : AppDefinition.DefaultCrdTimeout,
            };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{entry}: a list or map column of its table row is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>True when <paramref name="existing"/> holds exactly the columns of <paramref name="desired"/> (system columns aside).</summary>
    public static bool SameColumns(TableEntity desired, TableEntity existing)
    {
        var desiredColumns = DataColumns(desired).ToList();
        var existingColumns = DataColumns(existing).ToHashSet(StringComparer.Ordinal);
        return desiredColumns.Count == existingColumns.Count
            && desiredColumns.All(c => existingColumns.Contains(c) && Equals(Normalize(desired[c]), Normalize(existing[c])));
    }

    /// <summary>A digest of the row's columns (system columns aside): equal for equal definitions, different after any edit.</summary>
    public static string Digest(TableEntity entity)
    {
        var text = new System.Text.StringBuilder();
        foreach (var column in DataColumns(entity).Order(StringComparer.Ordinal))
        {
            text.Append(column).Append('=').Append(Convert.ToString(Normalize(entity[column]), System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static IEnumerable<string> DataColumns(TableEntity entity) =>
        entity.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"));

    /// <summary>Numbers may come back as another integer type than they were written with.</summary>
    private static object? Normalize(object? value) => value switch
    {
        int i => (long)i,
        _ => value,
    };

    private static TableEntity New(EntryKind kind, string name) =>
        new(PartitionKey(kind), name) { [SchemaVersionColumn] = SchemaVersion };

    private static void SetOptional(TableEntity entity, string column, string? value)
    {
        if (value is not null)
        {
            entity[column] = value;
        }
    }

    private static string Column(AppDefinition app, string field, string json) =>
        json.Length <= MaxColumnChars
            ? json
            : throw new ArgumentException(
                $"{EntryKind.App.Describe(app.Name)}: {field} take {json.Length} characters stored, more than a table column holds ({MaxColumnChars})");

    private static string Required(TableEntity entity, EntryKind kind, string column) =>
        entity.GetString(column)
        ?? throw new InvalidDataException($"{kind.Describe(entity.RowKey)}: its table row has no '{column}' column");

    private static TEnum ParseEnum<TEnum>(TableEntity entity, string column, TEnum fallback)
        where TEnum : struct, Enum =>
        entity.GetString(column) is not { } text ? fallback
        : Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) ? value
        : throw new InvalidDataException($"{EntryKind.App.Describe(entity.RowKey)}: column '{column}' holds unknown value '{text}'");
}
