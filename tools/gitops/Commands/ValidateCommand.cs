using System.CommandLine;
using GitOps.Core.Reconcile;
using GitOps.Core.Registry;

namespace GitOps.Cli.Commands;

/// <summary>
/// <c>gitops validate DIR [--registry FILE] [--namespace NS]</c>: renders and checks without a cluster,
/// for people and for CI. With a registry, DIR is the repository and every app of the registry is
/// checked with its own tenancy rules; without, DIR is one app directory. Exit 0 when valid, 1 with
/// one line per problem naming the file.
/// </summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "The repository (with --registry) or one app directory." };
        var registry = new Option<FileInfo?>("--registry") { Description = "A registry file: check every app path it names, with its namespace and tenancy rules." };
        var ns = new Option<string>("--namespace") { Description = "Without --registry: the namespace of namespaced objects that name none (default: default).", DefaultValueFactory = _ => "default" };
        var command = new Command("validate", "Render and check every object without a cluster: known kinds (or CRDs of the tree), valid names, no duplicates, tenancy.") { dir, registry, ns };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await RunAsync(parse.GetValue(dir)!, parse.GetValue(registry), parse.GetValue(ns)!, Console.Out, ct).ConfigureAwait(false);
            }
            catch (RegistryFileException e)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    public static async Task<int> RunAsync(DirectoryInfo dir, FileInfo? registryFile, string ns, TextWriter output, CancellationToken cancellationToken)
    {
        if (!dir.Exists)
        {
            output.WriteLine($"{dir.FullName}: no such directory");
            return 1;
        }

        IReadOnlyList<AppDefinition> apps;
        string root;
        if (registryFile is null)
        {
            root = dir.FullName;
            apps = [new AppDefinition { Name = "validate", Source = "local", Path = ".", Clusters = ["none"], Namespace = ns }];
        }
        else
        {
            root = dir.FullName;
            apps = (await RegistryFile.LoadAsync(registryFile.FullName, cancellationToken).ConfigureAwait(false)).Apps;
        }

        var problems = 0;
        var objects = 0;
        foreach (var app in apps)
        {
            var (count, found) = await OfflineValidator.ValidateAsync(root, app, cancellationToken, anyNamespace: registryFile is null).ConfigureAwait(false);
            objects += count;
            foreach (var problem in found)
            {
                output.WriteLine(registryFile is null ? problem.ToString() : $"app/{app.Name}: {problem}");
            }

            problems += found.Count;
        }

        output.WriteLine(problems == 0
            ? $"valid: {objects} object(s) in {apps.Count} app(s)"
            : $"{problems} problem(s) in {apps.Count} app(s)");
        return problems == 0 ? 0 : 1;
    }
}
