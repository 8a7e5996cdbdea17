namespace GitOps.Rendering.Kustomize;

/// <summary>
/// A kustomize resource selector as replacements use it: every part set must equal the id's (the
/// namespace compares "" and "default" as the same); labelSelector and annotationSelector only on targets.
/// </summary>
internal sealed record ReplacementSelector(
    string? Group, string? Version, string? Kind, string? Name, string? Namespace, string? LabelSelector, string? AnnotationSelector)
{
    public bool IsEmpty => string.IsNullOrEmpty(Group) && string.IsNullOrEmpty(Version) && string.IsNullOrEmpty(Kind)
        && string.IsNullOrEmpty(Name) && string.IsNullOrEmpty(Namespace);

    /// <summary>Kustomize's IsSelectedBy over one id (labels and annotations not included).</summary>
    public bool SelectsId(ResId id)
        => id.GvkSelectedBy(Group, Version, Kind)
            && (string.IsNullOrEmpty(Name) || Name == id.Name)
            && (string.IsNullOrEmpty(Namespace) || Normalize(Namespace) == Normalize(id.Namespace));

    /// <summary>How kustomize prints a selector in its errors: <c>Kind.version.group/name.namespace</c>.</summary>
    public override string ToString()
        => $"{Or(Kind, "[noKind]")}.{Or(Version, "[noVer]")}.{Or(Group, "[noGrp]")}/{Or(Name, "[noName]")}.{Or(Namespace, "[noNs]")}";

    private static string Or(string? value, string empty) => string.IsNullOrEmpty(value) ? empty : value;

    private static string Normalize(string ns) => ns.Length == 0 ? "default" : ns;
}

/// <summary><c>options</c> of a replacement source or target.</summary>
internal sealed record ReplacementOptions(string? Delimiter, int Index, bool Create);

/// <summary>Where a replacement's value comes from: one object and a field path (default metadata.name).</summary>
internal sealed record ReplacementSource(ReplacementSelector Selector, string FieldPath, ReplacementOptions? Options);

/// <summary>Where a replacement's value goes: selected (and not rejected) objects, at each field path.</summary>
internal sealed record ReplacementTarget(
    ReplacementSelector? Select, IReadOnlyList<ReplacementSelector> Reject, IReadOnlyList<string> FieldPaths, ReplacementOptions? Options);

/// <summary>One replacement, with the file and line that declared it (for errors).</summary>
internal sealed record Replacement(ReplacementSource Source, IReadOnlyList<ReplacementTarget> Targets, string File, int? Line);

/// <summary>A <c>replacements</c> entry: inline (<see cref="Inline"/>) or a file of one or more (<see cref="Path"/>).</summary>
internal sealed record ReplacementEntry(Replacement? Inline, string? Path, int? Line);
