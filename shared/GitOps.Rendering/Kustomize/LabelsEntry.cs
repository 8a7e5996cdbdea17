namespace GitOps.Rendering.Kustomize;

/// <summary>A <c>labels:</c> entry.</summary>
/// <param name="Fields">Extra field specs (<c>fields:</c>) the pairs are also set at.</param>
internal sealed record LabelsEntry(List<KeyValuePair<string, string>> Pairs, bool IncludeSelectors, bool IncludeTemplates, int? Line, List<FieldSpec>? Fields = null);
