using GitOps.Core.Rendering.Patches;

namespace GitOps.Core.Rendering.Kustomize;

/// <summary>A path listed in a kustomization, with the line it is on.</summary>
internal sealed record PathEntry(string Path, int? Line);

/// <summary>A <c>labels:</c> entry.</summary>
internal sealed record LabelsEntry(List<KeyValuePair<string, string>> Pairs, bool IncludeSelectors, bool IncludeTemplates, int? Line);

/// <summary>An <c>images:</c> entry.</summary>
internal sealed record ImageEntry(string Name, string? NewName, string? NewTag, string? Digest, int? Line);

/// <summary>A <c>replicas:</c> entry.</summary>
internal sealed record ReplicaEntry(string Name, long Count, int? Line);

/// <summary>A patch from <c>patches</c>, <c>patchesStrategicMerge</c> or <c>patchesJson6902</c>: a file or inline text.</summary>
internal sealed record PatchEntry(string? Path, string? Inline, PatchTarget? Target, PatchOptions Options, int? Line);

/// <summary>The <c>generatorOptions:</c> of a kustomization or a generator.</summary>
internal sealed record GeneratorOptions(
    List<KeyValuePair<string, string>> Labels,
    List<KeyValuePair<string, string>> Annotations,
    bool DisableNameSuffixHash,
    bool Immutable);

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

/// <summary>The <c>sortOptions:</c> of the top kustomization.</summary>
internal sealed record SortOptions(string Order, List<string>? OrderFirst, List<string>? OrderLast);
