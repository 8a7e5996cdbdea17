namespace GitOps.Rendering.Kustomize;

/// <summary>The <c>sortOptions:</c> of the top kustomization.</summary>
internal sealed record SortOptions(string Order, List<string>? OrderFirst, List<string>? OrderLast);
