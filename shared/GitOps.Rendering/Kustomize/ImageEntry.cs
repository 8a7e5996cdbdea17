namespace GitOps.Rendering.Kustomize;

/// <summary>An <c>images:</c> entry.</summary>
internal sealed record ImageEntry(string Name, string? NewName, string? NewTag, string? Digest, int? Line, string? TagSuffix = null);
