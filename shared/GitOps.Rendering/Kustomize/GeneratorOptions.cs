namespace GitOps.Rendering.Kustomize;

/// <summary>The <c>generatorOptions:</c> of a kustomization or a generator.</summary>
internal sealed record GeneratorOptions(
    List<KeyValuePair<string, string>> Labels,
    List<KeyValuePair<string, string>> Annotations,
    bool DisableNameSuffixHash,
    bool Immutable);
