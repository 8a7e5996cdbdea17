namespace GitOps.Functions.Tests.Delivery;

/// <summary>A throwaway copy of infra/ for tests that break the template on purpose.</summary>
internal sealed class InfraCopy : IDisposable
{
    private InfraCopy(string root) => Root = root;

    public string Root { get; }

    public static InfraCopy Create()
    {
        var source = Repository.File("infra");
        var root = Path.Combine(Path.GetTempPath(), "gitops-infra-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            System.IO.File.Copy(file, target);
        }

        return new InfraCopy(root);
    }

    public string File(string relative) => Path.Combine(Root, relative);

    /// <summary>Rewrites one file; fails when the edit changes nothing (the template moved on and the test no longer tests).</summary>
    public void Edit(string relative, Func<string, string> edit)
    {
        var path = File(relative);
        var before = System.IO.File.ReadAllText(path);
        var after = edit(before);
        Assert.False(before == after, $"{relative}: the edit found nothing to change.");
        System.IO.File.WriteAllText(path, after);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
