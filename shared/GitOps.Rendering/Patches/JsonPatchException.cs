namespace GitOps.Rendering.Patches;

/// <summary>
/// A JSON 6902 operation that failed (a missing path, a failed <c>test</c>, a malformed operation). The
/// message names the operation's 0-based index, its op and path; it never quotes values, which may be
/// Secret data. Callers prefix the object and the patch file.
/// </summary>
public sealed class JsonPatchException : Exception
{
    public JsonPatchException(string message)
        : base(message)
    {
    }

    public JsonPatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public JsonPatchException(int operationIndex, string? operation, string? path, string problem, Exception? innerException = null)
        : base($"JSON patch operation {operationIndex} ({operation ?? "?"} {path ?? "?"}): {problem}", innerException)
    {
        OperationIndex = operationIndex;
        Operation = operation;
        Path = path;
    }

    /// <summary>The 0-based index of the failing operation in the patch, or -1.</summary>
    public int OperationIndex { get; } = -1;

    /// <summary>The failing operation's <c>op</c>.</summary>
    public string? Operation { get; }

    /// <summary>The failing operation's <c>path</c>.</summary>
    public string? Path { get; }
}
