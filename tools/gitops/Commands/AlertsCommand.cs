using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Core;
using GitOps.Core.Alerts;
using GitOps.Core.Operations;
using GitOps.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Cli.Commands;

/// <summary>
/// <c>gitops alerts [--open] [--app A] [-o json]</c>: the alerts, newest first, with state, count,
/// first and last seen (info events with <c>--all</c>).
/// </summary>
public static class AlertsCommand
{
    public static Command Create()
    {
        var open = new Option<bool>("--open") { Description = "Only alerts still open." };
        var app = new Option<string?>("--app") { Description = "Only this app's alerts (source:NAME for a source, channel:NAME for a channel)." };
        var all = new Option<bool>("--all") { Description = "Include info events (Synced, Pruned)." };
        var output = new Option<string>("--output", "-o") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json");
        var command = new Command("alerts", "List alerts: kind, severity, state, count, first and last seen, summary.");
        command.Options.Add(open);
        command.Options.Add(app);
        command.Options.Add(all);
        command.Options.Add(output);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var services = new ServiceCollection().AddLogging().AddGitOpsCore(StorageFactory.Configuration()).BuildServiceProvider();
                await using (services.ConfigureAwait(false))
                {
                    services.GetRequiredService<StorageAccount>();
                    return await PrintAsync(services, parse.GetValue(app), parse.GetValue(open), parse.GetValue(all), parse.GetValue(output) == "json", Console.Out, ct).ConfigureAwait(false);
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

    public static async Task<int> PrintAsync(IServiceProvider services, string? app, bool openOnly, bool includeInfo, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var alerts = (await services.GetRequiredService<AlertStore>().ListAsync(app, cancellationToken, includeInfo).ConfigureAwait(false))
            .Where(a => !openOnly || a.IsOpen)
            .ToList();
        if (json)
        {
            var array = new JsonArray([.. alerts.Select(a => (JsonNode)OperationViews.Alert(a))]);
            output.WriteLine(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        if (alerts.Count == 0)
        {
            output.WriteLine(openOnly ? "No open alerts." : "No alerts.");
            return 0;
        }

        output.WriteLine($"{"STATE",-9} {"SEVERITY",-8} {"KIND",-18} {"APP",-20} {"CLUSTER",-14} {"COUNT",5}  {"FIRST SEEN",-20} {"LAST SEEN",-20} SUMMARY");
        foreach (var a in alerts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(a.IsOpen ? "open" : "resolved"),-9} {a.Severity.ToString().ToLowerInvariant(),-8} {a.Kind,-18} {a.App,-20} {a.Cluster,-14} {a.Count,5}  {a.RaisedAt:u} {a.LastSeen:u} {a.Summary}"));
            if (!a.IsOpen)
            {
                output.WriteLine($"{string.Empty,-9} resolved {a.ResolvedAt:u}: {a.Resolution}");
            }
        }

        return 0;
    }
}
