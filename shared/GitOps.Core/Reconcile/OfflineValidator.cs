using GitOps.Core.Kubernetes;
using GitOps.Core.Registry;
using GitOps.Rendering;

namespace GitOps.Core.Reconcile;

/// <summary>
/// <c>gitops validate</c>: renders app paths and checks every object without a cluster, as the
/// validate stage would against one: kind and apiVersion built in or defined by a CRD of the tree,
/// names valid, no identity twice (the renderer), the app's tenancy rules. Problems name the file.
/// </summary>
public static class OfflineValidator
{
    /// <summary>One problem: where (the file and line for render errors, the object and its file otherwise) and what.</summary>
    public sealed record Problem(string Where, string Message)
    {
        public override string ToString() => $"{Where}: {Message}";
    }

    /// <summary>Validates <paramref name="app"/>'s path in the checkout at <paramref name="root"/>; returns the object count and the problems.</summary>
    /// <param name="anyNamespace">No tenancy to check (one directory, no registry): every namespace the objects name is allowed.</param>
    public static async Task<(int Objects, IReadOnlyList<Problem> Problems)> ValidateAsync(string root, AppDefinition app, CancellationToken cancellationToken, bool anyNamespace = false)
    {
        RenderResult rendered;
        try
        {
            rendered = new ManifestRenderer().Render(new RenderRequest(root, app.Path) { Variables = app.Variables, StrictVariables = app.StrictVariables });
        }
        catch (RenderException e)
        {
            return (0, [new Problem(e.File is null ? app.Path : e.Line is null ? e.File : $"{e.File}:{e.Line}", e.File is null ? e.Message : e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..])]);
        }

        if (anyNamespace)
        {
            app = app with
            {
                AllowedNamespaces = rendered.Objects.Select(o => o.Namespace).Concat(rendered.Objects.Where(o => o.Kind == "Namespace").Select(o => o.Name))
                    .Append(app.Namespace).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            };
        }

        try
        {
            var prepared = await ValidateStage.PrepareAsync(
                "no cluster serves",
                (apiVersion, kind, _) => Task.FromResult(BuiltInKinds.Find(apiVersion, kind)),
                app,
                rendered.Objects,
                cancellationToken).ConfigureAwait(false);
            return (prepared.Count, []);
        }
        catch (StageFailedException e)
        {
            return (rendered.Objects.Count, e.Problems.Select(p => new Problem(p.Subject, p.Reason)).ToList());
        }
    }
}
