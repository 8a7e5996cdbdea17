using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Core;
using GitOps.Core.Drift;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Cli.Commands;

/// <summary>
/// <c>gitops drift APP [--cluster C]</c>: the latest drift report of an app as a readable diff (Git's
/// value with <c>-</c>, the live one with <c>+</c>, and who changed it). Exit 0 in sync, 3 drifted, 1 on errors.
/// </summary>
public static class DriftCommand
{
    public const int DriftedExitCode = 3;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var app = new Argument<string>("app") { Description = "The app's name in the registry." };
        var cluster = new Option<string?>("--cluster") { Description = "Only this cluster (default: every cluster the app has a status on)." };
        var command = new Command("drift", "Print an app's latest drift report as a diff: Git's value, the live value, and the manager that changed it.");
        command.Arguments.Add(app);
        command.Options.Add(cluster);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var services = new ServiceCollection().AddLogging().AddGitOpsCore(StorageFactory.Configuration()).BuildServiceProvider();
                await using (services.ConfigureAwait(false))
                {
                    services.GetRequiredService<StorageAccount>();
                    return await PrintAsync(services, parse.GetValue(app)!, parse.GetValue(cluster), Console.Out, ct).ConfigureAwait(false);
                }
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    /// <returns>0 when every cluster is in sync, <see cref="DriftedExitCode"/> when one has drifted, 1 when the app has no status.</returns>
    public static async Task<int> PrintAsync(IServiceProvider services, string app, string? cluster, TextWriter output, CancellationToken cancellationToken)
    {
        var statuses = (await services.GetRequiredService<AppStatusStore>().ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => s.App == app && (cluster is null || s.Cluster == cluster))
            .OrderBy(s => s.Cluster, StringComparer.Ordinal)
            .ToList();
        if (statuses.Count == 0)
        {
            output.WriteLine($"app/{app}{(cluster is null ? string.Empty : $" on cluster/{cluster}")}: no status yet (not registered, or never synced).");
            return 1;
        }

        var drifted = false;
        var reports = services.GetRequiredService<DriftReportStore>();
        foreach (var status in statuses)
        {
            var scanned = status.LastDriftScanAt is { } at ? $"last scan {at:u}" : "never scanned";
            if (status.Drift != DriftState.Drifted || await reports.LatestAsync(status.App, status.Cluster, cancellationToken).ConfigureAwait(false) is not { } latest)
            {
                output.WriteLine($"{status.App} on {status.Cluster}: {status.Drift} at {Short(status.AppliedRevision)} ({scanned})");
                continue;
            }

            drifted = true;
            var (blob, report) = latest;
            output.WriteLine($"{status.App} on {status.Cluster}: Drifted from {Short((string?)report["revision"])} ({scanned}; report {StorageNames.DriftReportsContainer}/{blob})");
            foreach (var group in (report["items"] as JsonArray ?? []).OfType<JsonObject>().GroupBy(i => (string?)i["object"]))
            {
                var file = (string?)group.First()["file"];
                output.WriteLine();
                output.WriteLine($"{group.Key}{(file is null ? string.Empty : $" ({file})")}");
                foreach (var item in group)
                {
                    if (((string?)item["path"])?.Length is null or 0)
                    {
                        output.WriteLine("  missing on the cluster");
                        continue;
                    }

                    var manager = (string?)item["manager"];
                    var who = (bool?)item["takenOver"] == true ? $"  (taken over by \"{manager}\")" : string.Empty;
                    output.WriteLine($"  {item["path"]}{who}");
                    Lines(output, "-", item["desired"], "Git");
                    Lines(output, "+", item["live"], "live");
                }
            }

            var orphans = (report["orphans"] as JsonArray ?? []).OfType<JsonObject>().Select(o => (string?)o["object"]).ToList();
            if (orphans.Count > 0)
            {
                output.WriteLine();
                output.WriteLine($"Orphans (labelled for {status.App}, neither applied nor in its inventory): {string.Join(", ", orphans)}");
            }

            output.WriteLine();
        }

        return drifted ? DriftedExitCode : 0;
    }

    private static void Lines(TextWriter output, string sign, JsonNode? value, string side)
    {
        var text = value is null ? "(absent)" : value.ToJsonString(Indented);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            output.WriteLine($"    {sign} {lines[i].TrimEnd('\r')}{(i == 0 ? $"    # {side}" : string.Empty)}");
        }
    }

    private static string Short(string? revision) => revision is null ? "-" : revision[..Math.Min(12, revision.Length)];
}
