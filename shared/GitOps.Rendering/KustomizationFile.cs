namespace GitOps.Rendering;

/// <summary>The file names that make a directory a Kustomize build.</summary>
internal static class KustomizationFile
{
    public static readonly string[] Names = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static bool IsKustomizationFileName(string name) => Array.IndexOf(Names, name) >= 0;

    /// <summary>The kustomization file in <paramref name="directory"/>, or null when it has none.</summary>
    public static string? Find(SourceTree tree, string directory, string? referrer)
    {
        string? found = null;
        foreach (var name in Names)
        {
            var candidate = directory.Length == 0 ? name : directory + "/" + name;
            if (tree.IsFile(candidate))
            {
                if (found is not null)
                {
                    throw RenderException.At(referrer ?? directory, null, $"found multiple kustomization files in \"{directory}\": {Path.GetFileName(found)} and {name}");
                }

                found = tree.Resolve(directory, name, referrer);
            }
        }

        return found;
    }
}
