namespace GitOps.Rendering.Tests;

/// <summary>A throwaway repository directory for render tests, deleted on dispose.</summary>
internal sealed class TempRepository : IDisposable
{
    public TempRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "render-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public TempRepository Write(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content.ReplaceLineEndings("\n"));
        return this;
    }

    public TempRepository Link(string relativePath, string target)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (Directory.Exists(target))
        {
            Directory.CreateSymbolicLink(full, target);
        }
        else
        {
            File.CreateSymbolicLink(full, target);
        }

        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS temp directory is cleaned eventually.
        }
    }
}
