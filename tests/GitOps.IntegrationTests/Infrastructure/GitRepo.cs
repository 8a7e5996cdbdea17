using System.Diagnostics;

namespace GitOps.IntegrationTests.Infrastructure;

/// <summary>A real git repository driven by the git command line, as a user's config repository would be.</summary>
public sealed class GitRepo
{
    public GitRepo(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
        Git("init", "--initial-branch=main");
    }

    public string Path { get; }

    public void Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    /// <summary>Commits everything; returns the new commit's id.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>
    /// Commits a change to a file that renders nothing (<c>{directory}/NOTES.md</c>): a new revision
    /// whose objects are the same, yet one path-aware planning plans for the app in that directory.
    /// </summary>
    public string CommitNotes(string directory, string message)
    {
        var file = System.IO.Path.Combine(Path, directory, "NOTES.md");
        File.AppendAllText(file, message + "\n");
        return Commit(message);
    }

    public string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false" }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
        }

        return output;
    }
}
