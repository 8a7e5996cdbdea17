namespace GitOps.Rendering.Kustomize;

/// <summary>A path listed in a kustomization, with the line it is on.</summary>
internal sealed record PathEntry(string Path, int? Line);
