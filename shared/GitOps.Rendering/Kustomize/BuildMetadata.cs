using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// <c>buildMetadata</c> of the top kustomization (Kustomize ignores it in bases): <c>originAnnotations</c>
/// records where each object came from in <c>config.kubernetes.io/origin</c> (paths relative to the top
/// kustomization's directory); <c>managedByLabel</c> sets <c>app.kubernetes.io/managed-by</c> to what
/// kubectl's embedded Kustomize prints, <c>kustomize-(devel)</c>.
/// </summary>
internal static class BuildMetadata
{
    public const string ManagedByValue = "kustomize-(devel)";

    public static void Apply(ResourceMap map, Kustomization top)
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
                ((JsonObject)r.Metadata()["annotations"]!)["config.kubernetes.io/origin"] = Origin(r, top.Directory);
            }

            if (managedBy)
            {
                FieldWalker.SetEntries(r.Metadata(), "labels", [new("app.kubernetes.io/managed-by", ManagedByValue)]);
            }
        }
    }

    private static string Origin(KResource r, string topDirectory)
    {
        var relative = Relative(r.SourceFile, topDirectory);
        if (r.GeneratedBy is not { } by)
        {
            return $"path: {relative}\n";
        }

        var text = $"configuredIn: {relative}\nconfiguredBy:\n  apiVersion: builtin\n  kind: {by.Kind}\n";
        return by.Name is null ? text : text + $"  name: {by.Name}\n";
    }

    private static string Relative(string file, string directory)
        => Path.GetRelativePath("/" + directory, "/" + file).Replace('\\', '/');
}
