using GitOps.Core.Alerts;
using GitOps.Core.Status;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Cli.Commands;

/// <summary>
/// Prints app status (sync, health and drift per app × cluster, and what holds the health back), recent
/// history and alerts: the summary of <c>gitops run --once</c> and <c>gitops status</c>.
/// </summary>
public static class StatusPrinter
{
    public static async Task PrintAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var statuses = await services.GetRequiredService<AppStatusStore>().ListAsync(cancellationToken).ConfigureAwait(false);
        var history = services.GetRequiredService<SyncHistoryStore>();
        output.WriteLine();
        output.WriteLine("APP            CLUSTER        APPLIED       RESULT      HEALTH       DRIFT     LAST MESSAGE");
        foreach (var s in statuses.OrderBy(s => s.App, StringComparer.Ordinal).ThenBy(s => s.Cluster, StringComparer.Ordinal))
        {
            output.WriteLine($"{s.App,-14} {s.Cluster,-14} {Short(s.AppliedRevision),-13} {s.LastResult,-11} {s.Health,-12} {s.Drift,-9} {OneLine(s.LastMessage)}");
            if (s.PinnedRevision is { } pinned)
            {
                output.WriteLine($"    pinned at {Short(pinned)} by {OneLine(s.PinnedBy)}{(s.PendingRevision is { } pending ? $"; pending {Short(pending)}" : string.Empty)}");
            }

            if (s.Suspended)
            {
                output.WriteLine($"    suspended by {OneLine(s.SuspendedBy)}{(s.PendingRevision is { } pending ? $"; pending {Short(pending)}" : string.Empty)}");
            }
            if (s.Health is HealthState.Progressing or HealthState.Degraded)
            {
                output.WriteLine($"    health: {OneLine(s.HealthMessage)}");
                foreach (var holding in s.HealthObjects)
                {
                    output.WriteLine($"      {OneLine(holding)}");
                }
            }

            foreach (var record in await history.ListAsync(s.App, s.Cluster, 3, cancellationToken).ConfigureAwait(false))
            {
                output.WriteLine($"    {record.FinishedAt:u}  {Short(record.Revision),-13} {record.Result,-10} {record.Reason,-17} {OneLine(record.Message)}");
            }
        }

        if (statuses.Count == 0)
        {
            output.WriteLine("(no app has been synced yet)");
        }

        var alerts = await services.GetRequiredService<AlertStore>().ListAsync(null, cancellationToken).ConfigureAwait(false);
        output.WriteLine();
        output.WriteLine($"ALERTS ({alerts.Count})");
        foreach (var alert in alerts.OrderByDescending(a => a.RaisedAt).Take(10))
        {
            output.WriteLine($"  {alert.RaisedAt:u}  {alert.Kind,-10} {alert.App}/{alert.Cluster}: {OneLine(alert.Summary)}");
            if (alert.ResolvedAt is { } resolved)
            {
                output.WriteLine($"      resolved {resolved:u}: {OneLine(alert.Resolution)}");
            }

            if (alert.ReportBlob is not null)
            {
                output.WriteLine($"      report: drift-reports/{alert.ReportBlob}");
            }
        }
    }

    private static string Short(string? revision) => revision is null ? "-" : revision[..Math.Min(12, revision.Length)];

    private static string OneLine(string? text)
    {
        var line = (text ?? string.Empty).ReplaceLineEndings(" | ");
        return line.Length > 160 ? line[..157] + "..." : line;
    }
}
