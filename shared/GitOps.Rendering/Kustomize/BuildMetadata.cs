using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// <c>buildMetadata</c> of the top kustomization (Kustomize ignores it in bases): <c>originAnnotations</c>
/// records where each object came from in <c>config.kubernetes.io/origin</c> (paths relative to the top
/// kustomization's directory); <c>managedByLabel</c> sets <c>app.kubernetes.io/managed-by</c> to what
/// kubectl's embedded Kustomize prints, <c>kustomize-(devel)</c>. An object of a remote base has
/// Kustomize's <c>repo</c> and <c>ref</c> in its origin, its path rooted at that repository.
/// </summary>
internal static class BuildMetadata
{
    public const string ManagedByValue = "kustomize-(devel)";

    public static void Apply(ResourceMap map, Kustomization top, SourceTree tree)
    {
        var origin = top.BuildMetadata.Contains("originAnnotations");
        var managedBy = top.BuildMetadata.Contains("managedByLabel");
        var transformations = top.BuildMetadata.Contains("transformerAnnotations");
        if (!origin && !managedBy && !transformations)
        {
            return;
        }

        foreach (var r in map.Items)
        {
            if (transformations && r.Transformations is { Count: > 0 } entries)
            {
                ((JsonObject)r.Metadata()["annotations"]!)["alpha.config.kubernetes.io/transformations"] = string.Concat(entries);
            }

            if (origin)
            {
                ((JsonObject)r.Metadata()["annotations"]!)["config.kubernetes.io/origin"] = Origin(r, top.Directory, tree);
            }

            if (managedBy)
            {
                FieldWalker.SetEntries(r.Metadata(), "labels", [new("app.kubernetes.io/managed-by", ManagedByValue)]);
            }
        }
    }

    private static string Origin(KResource r, string topDirectory, SourceTree tree)
    {
        var remote = tree.RemoteOf(r.SourceFile);
        var path = remote is { } inRepository ? inRepository.PathInRepository : Relative(r.SourceFile, topDirectory);
        var repo = remote is { Remote: var base_ } ? $"repo: {base_.RepositoryUrl}\n{(base_.Ref is null ? string.Empty : $"ref: {base_.Ref}\n")}" : string.Empty;
        if (r.GeneratedBy is not { } by)
        {
            return $"path: {path}\n{repo}";
        }

        var text = $"{repo}configuredIn: {path}\nconfiguredBy:\n  apiVersion: builtin\n  kind: {by.Kind}\n";
        return by.Name is null ? text : text + $"  name: {by.Name}\n";
    }

    private static string Relative(string file, string directory)
        => Path.GetRelativePath("/" + directory, "/" + file).Replace('\\', '/');
}
