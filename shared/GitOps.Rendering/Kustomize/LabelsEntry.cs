namespace GitOps.Rendering.Kustomize;

/// <summary>A <c>labels:</c> entry.</summary>
internal sealed record LabelsEntry(List<KeyValuePair<string, string>> Pairs, bool IncludeSelectors, bool IncludeTemplates, int? Line);
