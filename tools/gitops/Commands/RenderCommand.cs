using System.CommandLine;
using GitOps.Rendering;

namespace GitOps.Cli.Commands;

/// <summary>
/// <c>gitops render DIR</c>: renders an application directory (plain manifests or a Kustomize
/// build) with the same renderer the reconcile worker uses, and prints the objects as a
/// multi-document YAML stream. Errors go to stderr with exit code 1.
/// </summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "The application directory to render." };
        var vars = new Option<string[]>("--var")
        {
            Description = "A post-build substitution variable, KEY=VALUE (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var strict = new Option<bool>("--strict") { Description = "Fail on an undefined ${VAR} without a default, and on warnings (a patch whose target selects nothing)." };
        var repoRoot = new Option<DirectoryInfo?>("--repo-root")
        {
            Description = "The repository root no path may escape (default: the git top level of DIR, else DIR).",
        };

        var command = new Command("render", "Render an application directory to Kubernetes objects (YAML on stdout).");
        command.Arguments.Add(dir);
        command.Options.Add(vars);
        command.Options.Add(strict);
        command.Options.Add(repoRoot);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var appDir = parseResult.GetValue(dir)!;
                var variables = ParseVariables(parseResult.GetValue(vars) ?? []);
                var root = parseResult.GetValue(repoRoot)?.FullName ?? FindRepositoryRoot(appDir.FullName);
                var appPath = Path.GetRelativePath(root, appDir.FullName);
                var request = new RenderRequest(root, appPath)
                {
                    Variables = variables,
                    StrictVariables = parseResult.GetValue(strict),
                    Strict = parseResult.GetValue(strict),
                };
                var result = new ManifestRenderer().Render(request);
                output.Write(ManifestYaml.Write(result.Objects.Select(o => o.Body)));
                foreach (var warning in result.Warnings)
                {
                    error.WriteLine($"warning: {warning}");
                }

                return 0;
            }
            catch (RenderException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The nearest directory at or above <paramref name="directory"/> holding <c>.git</c>, else the directory itself.</summary>
    internal static string FindRepositoryRoot(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if (Directory.Exists(Path.Combine(current.FullName, ".git")) || File.Exists(Path.Combine(current.FullName, ".git")))
            {
                return current.FullName;
            }
        }

        return directory;
    }

    private static Dictionary<string, string> ParseVariables(IEnumerable<string> pairs)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                throw new ArgumentException($"--var \"{pair}\": expected KEY=VALUE");
            }

            variables[pair[..eq]] = pair[(eq + 1)..];
        }

        return variables;
    }
}
