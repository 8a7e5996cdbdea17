namespace GitOps.Rendering;

/// <summary>The rendered objects, in output order.</summary>
public sealed record RenderResult(IReadOnlyList<RenderedObject> Objects)
{
    /// <summary>What rendered but deserves a look, each starting with its file and line (a patch whose target selects nothing).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
