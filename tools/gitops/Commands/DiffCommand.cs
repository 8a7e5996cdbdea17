using System.CommandLine;
using GitOps.Core;
using GitOps.Core.Operations;
using GitOps.Core.Reconcile;
using GitOps.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Cli.Commands;

/// <summary>
/// <c>gitops diff APP [--cluster C] [--revision REV | --dir DIR]</c>: what a sync would change on the
/// live cluster (server-side dry-run apply), as a unified diff per object, Secret values masked, plus
/// what prune would delete. Exit 0 when nothing would change, 1 when something would, 2 on errors.
/// </summary>
public static class DiffCommand
{
    public const int ChangesExitCode = 1;
    public const int ErrorExitCode = 2;

    public static Command Create()
    {
        var app = new Argument<string>("app") { Description = "The app's name in the registry." };
        var cluster = new Option<string?>("--cluster") { Description = "The cluster (required when the app has several)." };
        var revision = new Option<string?>("--revision") { Description = "A commit of the source (default: the pin, else the branch head)." };
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "A local checkout of the source to render instead (a merge request's tree)." };
        var command = new Command("diff", "Show what a sync would change on the live cluster (server-side dry run), and what prune would delete.") { app, cluster, revision, dir };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var services = new ServiceCollection().AddLogging().AddGitOpsCore(StorageFactory.Configuration()).BuildServiceProvider();
                await using (services.ConfigureAwait(false))
                {
                    services.GetRequiredService<StorageAccount>();
                    var preview = await services.GetRequiredService<SyncDiff>().PreviewAsync(parse.GetValue(app)!, parse.GetValue(cluster), parse.GetValue(revision), parse.GetValue(dir)?.FullName, ct).ConfigureAwait(false);
                    return Print(preview, Console.Out);
                }
            }
            catch (Exception e) when (e is OperationException or StageFailedException or InvalidOperationException or Core.Sources.SourceException)
            {
                await Console.Error.WriteLineAsync($"diff: {e.Message}").ConfigureAwait(false);
                return ErrorExitCode;
            }
        });
        return command;
    }

    public static int Print(SyncPreview preview, TextWriter output)
    {
        foreach (var change in preview.Changes)
        {
            output.Write(change.Diff.EndsWith('\n') ? change.Diff : change.Diff + "\n");
        }

        foreach (var pruned in preview.Prune)
        {
            output.WriteLine($"prune: {pruned} (in the inventory, no longer in Git)");
        }

        output.WriteLine(preview.Changed
            ? $"{preview.App} on {preview.Cluster} at {preview.Revision[..Math.Min(12, preview.Revision.Length)]}: {preview.Changes.Count} object(s) would change, {preview.Prune.Count} would be pruned"
            : $"{preview.App} on {preview.Cluster} at {preview.Revision[..Math.Min(12, preview.Revision.Length)]}: no change");
        return preview.Changed ? ChangesExitCode : 0;
    }
}
