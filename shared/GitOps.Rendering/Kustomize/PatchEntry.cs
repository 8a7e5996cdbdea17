using GitOps.Rendering.Patches;

namespace GitOps.Rendering.Kustomize;

/// <summary>A patch from <c>patches</c>, <c>patchesStrategicMerge</c> or <c>patchesJson6902</c>: a file or inline text.</summary>
internal sealed record PatchEntry(string? Path, string? Inline, PatchTarget? Target, PatchOptions Options, int? Line);
