using System.CommandLine;
using GitOps.Core;
using GitOps.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Cli.Commands;

/// <summary><c>gitops status</c>: app status, recent history and alerts from the storage account in <c>AzureWebJobsStorage</c>.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Print each app's sync and drift status, recent history and alerts.");
        command.SetAction(async (_, ct) =>
        {
            try
            {
                var configuration = StorageFactory.Configuration();
                var services = new ServiceCollection().AddLogging().AddGitOpsCore(configuration).BuildServiceProvider();
                await using (services.ConfigureAwait(false))
                {
                    // Resolving the account first fails with the settings to set when storage is not configured.
                    services.GetRequiredService<StorageAccount>();
                    await StatusPrinter.PrintAsync(services, Console.Out, ct).ConfigureAwait(false);
                }

                return 0;
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
