using GitOps.Rendering.Kustomize;

namespace GitOps.Core.Apply;

/// <summary>
/// Apply order. Stage one holds the cluster definitions the rest depends on (CRDs, Namespaces,
/// cluster-wide RBAC); within a stage, kinds follow Kustomize's legacy order, unknown kinds last by name.
/// </summary>
public static class KindOrder
{
    private static readonly string[] Ordered = ResourceSorter.DefaultFirst;

    private static readonly string[] Last = ResourceSorter.DefaultLast;

    private static readonly HashSet<string> ClusterDefinitions = new(StringComparer.Ordinal)
    {
        "CustomResourceDefinition", "Namespace", "ClusterRole", "ClusterRoleBinding", "StorageClass", "PriorityClass",
    };

    /// <summary>True for kinds applied (and waited for) before everything else.</summary>
    public static bool IsClusterDefinition(string kind) => ClusterDefinitions.Contains(kind);

    /// <summary>A sort key: stage, then rank within the legacy order.</summary>
    public static (int Stage, int Rank, string Kind) Key(string kind)
    {
        var stage = IsClusterDefinition(kind) ? 0 : 1;
        var rank = Array.IndexOf(Ordered, kind);
        if (rank < 0)
        {
            rank = Array.IndexOf(Last, kind) is var last and >= 0 ? Ordered.Length + 1 + last : Ordered.Length;
        }

        return (stage, rank, kind);
    }
}
