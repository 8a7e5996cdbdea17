namespace Benchmarks;

/// <summary>A generated tree in a fresh temporary directory, deleted on dispose unless kept.</summary>
public sealed class GeneratedTree : IDisposable
{
    private readonly bool _keep;

    private GeneratedTree(string root, int resources, bool keep)
    {
        Root = root;
        Resources = resources;
        _keep = keep;
    }

    public string Root { get; }

    public int Resources { get; }

    public static GeneratedTree Create(int resources, bool keep = false)
    {
        var root = Path.Combine(Path.GetTempPath(), $"gitops-bench-{resources}-{Guid.NewGuid():N}"[..32]);
        TreeGenerator.Write(root, resources);
        return new GeneratedTree(root, resources, keep);
    }

    public void Dispose()
    {
        if (_keep)
        {
            Console.WriteLine($"  kept {Root}");
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }
}
