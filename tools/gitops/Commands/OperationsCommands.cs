using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Core;
using GitOps.Core.Operations;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Cli.Commands;

/// <summary>
/// Day-2 commands on the storage account in <c>AzureWebJobsStorage</c>: <c>apps</c>, <c>history APP</c>,
/// <c>sync APP</c>, <c>rollback APP --to REV</c>, <c>unpin APP</c>, <c>suspend APP</c>, <c>resume APP</c>;
/// tables by default, <c>-o json</c> for scripts. The operations queue jobs the reconcile worker runs.
/// </summary>
public static class OperationsCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IEnumerable<Command> Create()
    {
        yield return Apps();
        yield return History();
        yield return Operation("sync", "Sync an app now: its pinned revision where pinned, else its branch head.", (ops, r, ct) => ops.SyncAsync(r, ct));
        yield return Operation("rollback", "Roll an app back by pinning it to a revision applied before (--any: any commit of its branch) and syncing it; its sync policy is untouched.", (ops, r, ct) => ops.RollbackAsync(r, ct), rollback: true);
        yield return Operation("unpin", "Lift a rollback's pin: track the branch again and sync its head.", (ops, r, ct) => ops.UnpinAsync(r, ct));
        yield return Operation("suspend", "Suspend an app: no sync or drift correction until resume; drift is still scanned and reported.", (ops, r, ct) => ops.SuspendAsync(r, ct));
        yield return Operation("resume", "Resume a suspended app and sync its newest pending revision.", (ops, r, ct) => ops.ResumeAsync(r, ct));
    }

    /// <summary>Who is asking, as the history records it: the local user.</summary>
    public static string LocalActor => $"{Environment.UserName}@{Environment.MachineName} (gitops CLI)";

    private static Command Apps()
    {
        var output = OutputOption();
        var command = new Command("apps", "Every app × cluster: applied revision, pin, suspension, pending revision, sync result, health and drift.") { output };
        command.SetAction((parse, ct) => WithServicesAsync(services => PrintAppsAsync(services, parse.GetValue(output) == "json", Console.Out, ct)));
        return command;
    }

    private static Command History()
    {
        var app = new Argument<string>("app") { Description = "The app's name in the registry." };
        var cluster = new Option<string?>("--cluster") { Description = "Only this cluster." };
        var top = new Option<int>("--top") { Description = "Rows per cluster, newest first (default 20).", DefaultValueFactory = _ => 20 };
        var output = OutputOption();
        var command = new Command("history", "An app's sync history: what triggered each sync, who asked, the counts and the result.") { app, cluster, top, output };
        command.SetAction((parse, ct) => WithServicesAsync(services => PrintHistoryAsync(services, parse.GetValue(app)!, parse.GetValue(cluster), parse.GetValue(top), parse.GetValue(output) == "json", Console.Out, ct)));
        return command;
    }

    private static Command Operation(string name, string description, Func<AppOperations, OperationRequest, CancellationToken, Task<OperationResult>> run, bool rollback = false)
    {
        var app = new Argument<string>("app") { Description = "The app's name in the registry." };
        var cluster = new Option<string?>("--cluster") { Description = "Only this cluster (default: all the app's clusters)." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit history." };
        var to = new Option<string?>("--to") { Description = "The revision to roll back to (full or abbreviated commit id).", Required = rollback };
        var any = new Option<bool>("--any") { Description = "Allow any commit of the tracked branch, not only one applied before." };
        var output = OutputOption();
        var command = new Command(name, description) { app, cluster, reason, output };
        if (rollback)
        {
            command.Options.Add(to);
            command.Options.Add(any);
        }

        command.SetAction((parse, ct) => WithServicesAsync(async services =>
        {
            var request = new OperationRequest(parse.GetValue(app)!, parse.GetValue(cluster), LocalActor)
            {
                Reason = parse.GetValue(reason),
                Revision = rollback ? parse.GetValue(to) : null,
                Any = rollback && parse.GetValue(any),
            };
            try
            {
                var result = await run(services.GetRequiredService<AppOperations>(), request, ct).ConfigureAwait(false);
                PrintResult(result, parse.GetValue(output) == "json", Console.Out);
                return 0;
            }
            catch (OperationException e)
            {
                await Console.Error.WriteLineAsync($"{name}: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }));
        return command;
    }

    public static void PrintResult(OperationResult result, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(OperationViews.Result(result).ToJsonString(Indented));
            return;
        }

        output.WriteLine($"app/{result.App} on {string.Join(", ", result.Clusters.Select(c => "cluster/" + c))}: {result.Message}");
        foreach (var job in result.Jobs)
        {
            output.WriteLine($"  {job.Reason} of {job.Cluster} at {Short(job.Revision)} queued ({job.JobId})");
        }
    }

    public static async Task<int> PrintAppsAsync(IServiceProvider services, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var registry = await services.GetRequiredService<RegistryStore>().LoadAsync(cancellationToken).ConfigureAwait(false);
        var statuses = (await services.GetRequiredService<AppStatusStore>().ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => (s.App, s.Cluster));
        var rows = registry.Apps.SelectMany(a => a.Clusters.Select(c => (App: a, Cluster: c, Status: statuses.GetValueOrDefault((a.Name, c)))))
            .OrderBy(r => r.App.Name, StringComparer.Ordinal).ThenBy(r => r.Cluster, StringComparer.Ordinal).ToList();
        if (json)
        {
            output.WriteLine(new JsonArray([.. rows.Select(r => (JsonNode)OperationViews.App(r.App, r.Cluster, r.Status))]).ToJsonString(Indented));
            return 0;
        }

        output.WriteLine($"{"APP",-20} {"CLUSTER",-14} {"APPLIED",-12} {"PINNED",-12} {"SUSPENDED",-9} {"PENDING",-12} {"RESULT",-10} {"HEALTH",-11} DRIFT");
        foreach (var (app, cluster, status) in rows)
        {
            output.WriteLine($"{app.Name,-20} {cluster,-14} {Short(status?.AppliedRevision),-12} {Short(status?.PinnedRevision),-12} {(status?.Suspended == true ? "yes" : "-"),-9} {Short(status?.PendingRevision),-12} {status?.LastResult ?? SyncResult.None,-10} {status?.Health ?? HealthState.Unknown,-11} {status?.Drift ?? DriftState.Unknown}");
            if (status?.PinnedBy is { } pinnedBy)
            {
                output.WriteLine($"    pinned by {pinnedBy}");
            }

            if (status?.SuspendedBy is { } suspendedBy)
            {
                output.WriteLine($"    suspended by {suspendedBy}");
            }
        }

        return 0;
    }

    public static async Task<int> PrintHistoryAsync(IServiceProvider services, string app, string? cluster, int top, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var definition = (await services.GetRequiredService<RegistryStore>().LoadForAsync(app, null, cancellationToken).ConfigureAwait(false)).FindApp(app);
        if (definition is null || (cluster is not null && !definition.Clusters.Contains(cluster)))
        {
            await Console.Error.WriteLineAsync(definition is null ? $"history: app/{app} is not registered" : $"history: app/{app} is not applied to cluster/{cluster}").ConfigureAwait(false);
            return 1;
        }

        var history = services.GetRequiredService<SyncHistoryStore>();
        var rows = new List<SyncRecord>();
        foreach (var c in cluster is null ? definition.Clusters : [cluster])
        {
            rows.AddRange(await history.ListAsync(app, c, Math.Max(1, top), cancellationToken).ConfigureAwait(false));
        }

        rows = rows.OrderByDescending(r => r.FinishedAt).ToList();
        if (json)
        {
            output.WriteLine(new JsonArray([.. rows.Select(r => (JsonNode)OperationViews.History(r))]).ToJsonString(Indented));
            return 0;
        }

        output.WriteLine($"{"FINISHED",-20} {"CLUSTER",-14} {"REVISION",-12} {"REASON",-16} {"RESULT",-10} MESSAGE");
        foreach (var r in rows)
        {
            output.WriteLine($"{r.FinishedAt:u} {r.Cluster,-14} {Short(r.Revision),-12} {r.Reason,-16} {r.Result,-10} {r.Message}");
            if (r.RequestedBy is { } by)
            {
                output.WriteLine($"    requested by {by}");
            }
        }

        return 0;
    }

    private static Option<string> OutputOption()
    {
        var output = new Option<string>("--output", "-o") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json");
        return output;
    }

    private static async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> run)
    {
        try
        {
            var services = new ServiceCollection().AddLogging().AddGitOpsCore(StorageFactory.Configuration()).BuildServiceProvider();
            await using (services.ConfigureAwait(false))
            {
                services.GetRequiredService<StorageAccount>();
                return await run(services).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static string Short(string? revision) => revision is null ? "-" : revision[..Math.Min(12, revision.Length)];
}
