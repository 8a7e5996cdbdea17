namespace KubeEmulator.Schema;

/// <summary>How a list merges and how its ownership is tracked, as the OpenAPI <c>x-kubernetes-list-type</c> says.</summary>
internal enum ListType
{
    /// <summary>Replaced as a whole; owned as one field.</summary>
    Atomic,

    /// <summary>Items identified by key fields (<c>k:{...}</c>), merged item by item.</summary>
    Map,

    /// <summary>Scalar members identified by value (<c>v:...</c>), merged as a union.</summary>
    Set,
}
