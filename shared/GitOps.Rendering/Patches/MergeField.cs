namespace GitOps.Rendering.Patches;

/// <summary>
/// How one field merges. <see cref="Keys"/> non-empty: a list of maps merged by those keys
/// (<c>patchMergeKey</c>, or <c>x-kubernetes-list-map-keys</c> when the API declares several).
/// <see cref="MergePrimitives"/>: a list of scalars merged as a set (<c>finalizers</c>).
/// Neither: a map merged field by field, or a list replaced as a whole.
/// </summary>
/// <param name="Type">Schema of the value, or of each element for lists; null when unknown.</param>
internal sealed record MergeField(MergeSchema? Type, IReadOnlyList<string> Keys, bool MergePrimitives)
{
    public static MergeField Map(MergeSchema type) => new(type, [], false);

    public static MergeField ListBy(MergeSchema? elementType, params string[] keys) => new(elementType, keys, false);

    public static MergeField PrimitiveSet() => new(null, [], true);

    public bool IsAssociativeList => Keys.Count > 0;
}
