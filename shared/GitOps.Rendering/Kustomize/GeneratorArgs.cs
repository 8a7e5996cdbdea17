namespace GitOps.Rendering.Kustomize;

/// <summary>A <c>configMapGenerator</c> or <c>secretGenerator</c> entry.</summary>
internal sealed record GeneratorArgs(
    string Name,
    string? Namespace,
    string Behavior,
    List<string> Literals,
    List<string> Files,
    List<string> Envs,
    GeneratorOptions? Options,
    string? Type,
    int? Line);
