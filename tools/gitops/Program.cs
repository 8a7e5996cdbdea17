using System.CommandLine;
using GitOps.Cli.Commands;

var root = new RootCommand("gitops: GitOps Functions' command line: local runtime, render, registry, status, drift, alerts, and day-2 operations (apps, history, sync, rollback, unpin, suspend, resume).")
{
    RunCommand.Create(),
    RenderCommand.Create(),
    RegistryCommand.Create(StorageFactory.FromEnvironment),
    StatusCommand.Create(),
    DriftCommand.Create(),
    AlertsCommand.Create(),
};
foreach (var command in OperationsCommands.Create())
{
    root.Subcommands.Add(command);
}

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Usage errors exit 2, as command-line tools conventionally do; failures of the work exit 1.
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message);
    }

    await Console.Error.WriteLineAsync("Run 'gitops --help' for usage.");
    return 2;
}

return await parsed.InvokeAsync();
