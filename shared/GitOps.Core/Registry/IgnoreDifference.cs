using GitOps.Core.Kubernetes;

namespace GitOps.Core.Registry;

/// <summary>
/// Differences drift never reports for matching objects, as Argo CD's <c>ignoreDifferences</c>:
/// fields by RFC 6901 JSON pointer, and fields owned by the given field managers (an HPA's
/// <c>spec.replicas</c>). Ignored fields are also left out of drift corrections.
/// </summary>
/// <param name="Group">The API group (empty for core).</param>
/// <param name="Kind">The kind.</param>
public sealed record IgnoreDifference(string Group, string Kind)
{
    /// <summary>Only the object of this name; null: any.</summary>
    public string? Name { get; init; }

    /// <summary>Only objects in this namespace; null: any.</summary>
    public string? Namespace { get; init; }

    public IReadOnlyList<string> JsonPointers { get; init; } = [];

    public IReadOnlyList<string> ManagedFieldsManagers { get; init; } = [];

    public bool Matches(ObjectRef obj)
        => obj.Group == Group && obj.Kind == Kind && (Name is null || Name == obj.Name) && (Namespace is null || Namespace == obj.Namespace);
}
