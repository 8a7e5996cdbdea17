using System.CommandLine;
using Azure;
using GitOps.Core.Registry;
using GitOps.Core.Storage;

namespace GitOps.Cli.Commands;

/// <summary>
/// <c>gitops registry apply -f FILE [--prune] [--dry-run]</c> loads a registry file into Table
/// storage and prints one line per entry (<c>source/platform created</c>) and a summary;
/// <c>gitops registry list [-o table|yaml]</c> prints the stored registry. Errors go to stderr with
/// exit code 1; an invalid file prints every problem as <c>file:line: field: message</c> and
/// writes nothing.
/// </summary>
public static class RegistryCommand
{
    /// <param name="storageFactory">Builds the storage account (from <c>AzureWebJobsStorage</c>); called only when a command runs.</param>
    public static Command Create(Func<StorageAccount> storageFactory)
    {
        ArgumentNullException.ThrowIfNull(storageFactory);
        var command = new Command("registry", "Manage the registry of sources, clusters and apps kept in Table storage.");
        command.Subcommands.Add(CreateApply(storageFactory));
        command.Subcommands.Add(CreateList(storageFactory));
        return command;
    }

    private static Command CreateApply(Func<StorageAccount> storageFactory)
    {
        var file = new Option<FileInfo>("--file", "-f") { Required = true, Description = "The registry file (YAML, kind: Registry)." };
        var prune = new Option<bool>("--prune") { Description = "Delete stored sources, clusters and apps the file does not name." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change; write nothing." };
        var command = new Command("apply", "Load a registry file: create, update (and with --prune delete) entries; idempotent.");
        command.Options.Add(file);
        command.Options.Add(prune);
        command.Options.Add(dryRun);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetValue(file)!.ToString();
            RegistrySnapshot desired;
            try
            {
                desired = await RegistryFile.LoadAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryFileException e)
            {
                error.WriteLine(e.Message);
                var problems = Math.Max(1, e.Errors.Count);
                error.WriteLine($"error: {path} is invalid ({problems} problem{(problems == 1 ? string.Empty : "s")}); nothing was written");
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: {path}: cannot read the registry file: {e.Message}");
                return 1;
            }

            return await RunAsync(storageFactory, error, async store =>
            {
                var isDryRun = parseResult.GetValue(dryRun);
                var shouldPrune = parseResult.GetValue(prune);
                var result = isDryRun
                    ? await store.PlanAsync(desired, shouldPrune, cancellationToken).ConfigureAwait(false)
                    : await store.ApplyAsync(desired, shouldPrune, cancellationToken).ConfigureAwait(false);
                foreach (var change in result.Changes)
                {
                    output.WriteLine(isDryRun ? $"{change} (dry run)" : change.ToString());
                }

                output.WriteLine(isDryRun
                    ? $"registry: {result.Summary()} (dry run: nothing written)"
                    : $"registry: {result.Summary()}");
                return 0;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateList(Func<StorageAccount> storageFactory)
    {
        var format = new Option<string>("--output", "-o")
        {
            Description = "table (default) or yaml: a registry file that 'registry apply -f' accepts.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "yaml");
        var command = new Command("list", "Print the stored sources, clusters and apps.");
        command.Options.Add(format);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return await RunAsync(storageFactory, error, async store =>
            {
                var snapshot = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
                output.Write(parseResult.GetValue(format) == "yaml" ? RegistryFile.Format(snapshot) : RegistryListing.Format(snapshot));
                return 0;
            }).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Builds the store and runs <paramref name="work"/>; storage and registry failures print to stderr and return 1.</summary>
    private static async Task<int> RunAsync(Func<StorageAccount> storageFactory, TextWriter error, Func<RegistryStore, Task<int>> work)
    {
        try
        {
            return await work(new RegistryStore(storageFactory())).ConfigureAwait(false);
        }
        catch (RegistryConflictException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (RequestFailedException e)
        {
            // The SDK's message lists headers; status and code say enough here.
            error.WriteLine($"error: registry: storage request failed ({e.Status} {e.ErrorCode}): {e.Message.Split('\n')[0].Trim()}");
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or ArgumentException or AggregateException or HttpRequestException)
        {
            error.WriteLine($"error: registry: {e.Message}");
            return 1;
        }
    }
}
