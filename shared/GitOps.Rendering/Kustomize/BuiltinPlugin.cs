namespace GitOps.Rendering.Kustomize;

/// <summary>
/// A builtin transformer or generator config listed under <c>transformers:</c> or <c>generators:</c>
/// (<c>apiVersion: builtin</c>), parsed into the part of a kustomization it stands for.
/// <see cref="Settings"/> holds the config as a kustomization (file = the config file, directory =
/// the listing kustomization's, so paths inside resolve as Kustomize resolves them).
/// </summary>
internal sealed record BuiltinPlugin(string Kind, Kustomization Settings, IReadOnlyList<FieldSpec>? FieldSpecs, int? Line)
{
    /// <summary>The config's <c>metadata.name</c>.</summary>
    public string? Name { get; init; }
}
