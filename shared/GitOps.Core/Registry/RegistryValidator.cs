namespace GitOps.Core.Registry;

/// <summary>
/// Checks a <see cref="RegistrySnapshot"/> built in code (the file parser checks the same rules with
/// file and line): valid names and fields, unique names, exactly one way to reach each cluster, and
/// apps that name only defined sources and clusters. Errors start with the entry: <c>app/web: ...</c>.
/// </summary>
public static class RegistryValidator
{
    /// <returns>Every problem, one message each; empty when the snapshot is valid.</returns>
    public static IReadOnlyList<string> Validate(RegistrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var errors = new List<string>();
        void Check(EntryKind kind, string name, string field, string? value, Func<string, string?> rule)
        {
            if (value is not null && rule(value) is { } problem)
            {
                errors.Add($"{kind.Describe(name)}: {field}: {problem}");
            }
        }

        CheckUnique(EntryKind.Source, snapshot.Sources.Select(s => s.Name), errors);
        CheckUnique(EntryKind.Cluster, snapshot.Clusters.Select(c => c.Name), errors);
        CheckUnique(EntryKind.App, snapshot.Apps.Select(a => a.Name), errors);

        foreach (var source in snapshot.Sources)
        {
            Check(EntryKind.Source, source.Name, "name", source.Name, RegistryRules.CheckName);
            Check(EntryKind.Source, source.Name, "url", source.Url, RegistryRules.CheckUrl);
            Check(EntryKind.Source, source.Name, "branch", source.Branch, RegistryRules.CheckBranch);
            Check(EntryKind.Source, source.Name, "tokenSetting", source.TokenSetting, RegistryRules.CheckSettingName);
        }

        foreach (var cluster in snapshot.Clusters)
        {
            Check(EntryKind.Cluster, cluster.Name, "name", cluster.Name, RegistryRules.CheckName);
            Check(EntryKind.Cluster, cluster.Name, "kubeconfigFile", cluster.KubeconfigFile, RegistryRules.CheckNotEmpty);
            Check(EntryKind.Cluster, cluster.Name, "kubeconfigSetting", cluster.KubeconfigSetting, RegistryRules.CheckSettingName);
            Check(EntryKind.Cluster, cluster.Name, "context", cluster.Context, RegistryRules.CheckNotEmpty);
            Check(EntryKind.Cluster, cluster.Name, "server", cluster.Server, RegistryRules.CheckServerUrl);
            Check(EntryKind.Cluster, cluster.Name, "tokenSetting", cluster.TokenSetting, RegistryRules.CheckSettingName);
            Check(EntryKind.Cluster, cluster.Name, "caSetting", cluster.CaSetting, RegistryRules.CheckSettingName);
            var modes = new[] { cluster.KubeconfigFile is not null, cluster.KubeconfigSetting is not null, cluster.TokenSetting is not null, cluster.AzureAuth }.Count(m => m);
            if (modes != 1)
            {
                errors.Add($"{EntryKind.Cluster.Describe(cluster.Name)}: give exactly one way to connect: kubeconfigFile, kubeconfigSetting, server with tokenSetting, or server with azureAuth");
            }
            else if ((cluster.TokenSetting is not null || cluster.AzureAuth) != (cluster.Server is not null))
            {
                errors.Add($"{EntryKind.Cluster.Describe(cluster.Name)}: server goes with tokenSetting or azureAuth, and they need it");
            }
        }

        foreach (var app in snapshot.Apps)
        {
            Check(EntryKind.App, app.Name, "name", app.Name, RegistryRules.CheckName);
            Check(EntryKind.App, app.Name, "namespace", app.Namespace, RegistryRules.CheckName);
            RegistryRules.NormalizePath(app.Path, out var pathProblem);
            if (pathProblem is not null)
            {
                errors.Add($"{EntryKind.App.Describe(app.Name)}: path: {pathProblem}");
            }

            if (snapshot.FindSource(app.Source) is null)
            {
                errors.Add($"{EntryKind.App.Describe(app.Name)}: source: unknown source '{app.Source}'");
            }

            if (app.Clusters.Count == 0)
            {
                errors.Add($"{EntryKind.App.Describe(app.Name)}: clusters: must name at least one entry");
            }

            foreach (var cluster in app.Clusters.Where(c => snapshot.FindCluster(c) is null))
            {
                errors.Add($"{EntryKind.App.Describe(app.Name)}: clusters: unknown cluster '{cluster}'");
            }

            foreach (var name in app.Variables.Keys)
            {
                Check(EntryKind.App, app.Name, "variables." + name, name, RegistryRules.CheckVariableName);
            }
        }

        CheckUnique(EntryKind.Notification, snapshot.Notifications.Select(n => n.Name), errors);
        foreach (var channel in snapshot.Notifications)
        {
            var entry = EntryKind.Notification.Describe(channel.Name);
            Check(EntryKind.Notification, channel.Name, "name", channel.Name, RegistryRules.CheckName);
            Check(EntryKind.Notification, channel.Name, "urlSetting", channel.UrlSetting, RegistryRules.CheckSettingName);
            Check(EntryKind.Notification, channel.Name, "secretSetting", channel.SecretSetting, RegistryRules.CheckSettingName);
            if ((channel.Type == ChannelType.Webhook) != (channel.SecretSetting is not null))
            {
                errors.Add($"{entry}: secretSetting: {(channel.Type == ChannelType.Webhook ? "a webhook channel needs the setting of its signing secret" : "only webhook channels are signed")}");
            }

            foreach (var app in channel.Apps.Where(a => snapshot.FindApp(a) is null))
            {
                errors.Add($"{entry}: apps: unknown app '{app}'");
            }

            foreach (var cluster in channel.Clusters.Where(c => snapshot.FindCluster(c) is null))
            {
                errors.Add($"{entry}: clusters: unknown cluster '{cluster}'");
            }
        }

        return errors;
    }

    /// <exception cref="ArgumentException">The snapshot is invalid; the message lists every problem.</exception>
    public static void ThrowIfInvalid(RegistrySnapshot snapshot)
    {
        var errors = Validate(snapshot);
        if (errors.Count > 0)
        {
            throw new ArgumentException("The registry is invalid:\n" + string.Join('\n', errors), nameof(snapshot));
        }
    }

    private static void CheckUnique(EntryKind kind, IEnumerable<string> names, List<string> errors)
    {
        foreach (var group in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{kind.Describe(group.Key)}: defined {group.Count()} times");
        }
    }
}
