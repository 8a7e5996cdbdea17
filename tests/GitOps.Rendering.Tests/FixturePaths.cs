namespace GitOps.Rendering.Tests;

/// <summary>Where the render fixtures are copied next to the test assembly.</summary>
internal static class FixturePaths
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Kustomize => Path.Combine(Root, "kustomize");

    public static string Errors => Path.Combine(Root, "errors");

    public static TheoryData<string> CaseNames(string directory)
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(directory).OrderBy(d => d, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }
}
