namespace GitOps.Rendering;

/// <summary>The rendered objects, in output order.</summary>
public sealed record RenderResult(IReadOnlyList<RenderedObject> Objects);
