using System.Text;

namespace GitOps.Core.Registry;

/// <summary>
/// The registry as plain-text tables (<c>gitops registry list</c>): sources, clusters, apps, columns
/// aligned, entries by name. Only setting names appear: the registry holds no secrets.
/// </summary>
public static class RegistryListing
{
    private const string None = "-";

    public static string Format(RegistrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();
        Section(text, "SOURCES", ["NAME", "URL", "BRANCH", "TOKEN SETTING"],
            snapshot.Sources.OrderBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => new[] { s.Name, s.Url, s.Branch, s.TokenSetting ?? None }));
        text.AppendLine();
        Section(text, "CLUSTERS", ["NAME", "CONNECTION", "CONTEXT"],
            snapshot.Clusters.OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => new[] { c.Name, Connection(c), c.Context ?? None }));
        text.AppendLine();
        Section(text, "APPS", ["NAME", "SOURCE", "PATH", "CLUSTERS", "NAMESPACE", "SYNC", "DRIFT", "VARIABLES"],
            snapshot.Apps.OrderBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => new[]
                {
                    a.Name, a.Source, a.Path, string.Join(',', a.Clusters), a.Namespace ?? None,
                    a.SyncPolicy.ToString().ToLowerInvariant(), a.DriftPolicy.ToString().ToLowerInvariant(), Variables(a),
                }));
        text.AppendLine();
        Section(text, "NOTIFICATIONS", ["NAME", "TYPE", "URL SETTING", "SECRET SETTING", "MIN SEVERITY", "APPS", "CLUSTERS", "KINDS"],
            snapshot.Notifications.OrderBy(n => n.Name, StringComparer.Ordinal)
                .Select(n => new[]
                {
                    n.Name, RegistryRules.ChannelTypeName(n.Type), n.UrlSetting, n.SecretSetting ?? None, n.MinSeverity.ToString().ToLowerInvariant(),
                    All(n.Apps), All(n.Clusters), n.Kinds.Count == 0 ? "all" : string.Join(',', n.Kinds.Select(RegistryRules.AlertKindName)),
                }));
        return text.ToString();
    }

    private static string All(IReadOnlyList<string> names) => names.Count == 0 ? "all" : string.Join(',', names);

    private static string Connection(ClusterDefinition cluster) => cluster.ConnectionSummary() + (cluster.InsecureSkipTlsVerify ? " (TLS unverified)" : string.Empty);

    private static string Variables(AppDefinition app)
    {
        var names = app.Variables.Count == 0 ? None : string.Join(',', app.Variables.Keys.Order(StringComparer.Ordinal));
        return app.StrictVariables ? $"{names} (strict)" : names;
    }

    private static void Section(StringBuilder text, string title, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        text.AppendLine($"{title} ({all.Count})");
        if (all.Count == 0)
        {
            text.AppendLine("(none)");
            return;
        }

        all.Insert(0, header);
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            var line = string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])));
            text.AppendLine(line.TrimEnd());
        }
    }
}
