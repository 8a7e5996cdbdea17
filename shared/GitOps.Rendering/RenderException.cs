namespace GitOps.Rendering;

/// <summary>
/// A render failure. The message starts with what it concerns: a file position
/// (<c>apps/web/kustomization.yaml:12: ...</c>) or an object id (<c>Deployment/shop/web: ...</c>).
/// </summary>
public sealed class RenderException : Exception
{
    public RenderException(string message)
        : base(message)
    {
    }

    public RenderException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal RenderException(string message, string? file, int? line, Exception? innerException = null)
        : base(message, innerException)
    {
        File = file;
        Line = line;
    }

    /// <summary>The file the error concerns, relative to the repository root with '/' separators.</summary>
    public string? File { get; }

    /// <summary>The 1-based line in <see cref="File"/>, when known.</summary>
    public int? Line { get; }

    /// <summary>Builds an error whose message starts with <c>file:line: </c> (or <c>file: </c>).</summary>
    internal static RenderException At(string? file, int? line, string text, Exception? inner = null)
    {
        var prefix = file is null ? string.Empty : line is null ? $"{file}: " : $"{file}:{line}: ";
        return new RenderException(prefix + text, file, line, inner);
    }

    /// <summary>Builds an error whose message starts with the object id.</summary>
    internal static RenderException ForObject(string objectId, string? file, string text, Exception? inner = null)
    {
        var where = file is null ? string.Empty : $" (from {file})";
        return new RenderException($"{objectId}{where}: {text}", file, null, inner);
    }
}
