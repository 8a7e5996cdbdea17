namespace GitOps.Rendering;

/// <summary>The rendered objects, in output order.</summary>
public sealed record RenderResult(IReadOnlyList<RenderedObject> Objects)
{
    /// <summary>What rendered but deserves a look, each starting with its file and line (a patch whose target selects nothing).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// The repository paths the render depended on, sorted: files read or probed, and directories
    /// listed, which end in '/' and stand for everything below them ("" is the whole repository).
    /// A commit that changes none of them renders the same objects.
    /// </summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Whether a changed repository path (relative, '/' separators) is one of <see cref="Inputs"/>.</summary>
    public static bool Touches(IEnumerable<string> inputs, string changedPath) =>
        inputs.Any(i => i.Length == 0 || (i.EndsWith('/') ? changedPath.StartsWith(i, StringComparison.Ordinal) : changedPath == i));
}
