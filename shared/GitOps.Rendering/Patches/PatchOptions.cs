namespace GitOps.Rendering.Patches;

/// <summary>
/// The <c>options:</c> of a kustomize patch entry. Defaults (both false) are kustomize's: a strategic merge
/// patch that sets another <c>metadata.name</c> or <c>kind</c> leaves the target's name and kind as they
/// were (silently, no error), and never changes its namespace.
/// </summary>
public sealed record PatchOptions
{
    /// <summary>Let a strategic merge patch rename its target (kustomize <c>allowNameChange</c>). Default false.</summary>
    public bool AllowNameChange { get; init; }

    /// <summary>Let a strategic merge patch change its target's kind (kustomize <c>allowKindChange</c>). Default false.</summary>
    public bool AllowKindChange { get; init; }
}
