namespace GitOps.Rendering.Kustomize;

/// <summary>
/// Output order: Kustomize's legacy order by default (kinds in <see cref="DefaultFirst"/> first, in
/// <see cref="DefaultLast"/> last, others between; then by group/version/kind, namespace and name),
/// or the order resources were accumulated in (<c>sortOptions.order: fifo</c>).
/// </summary>
internal static class ResourceSorter
{
    public static readonly string[] DefaultFirst =
    [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
        "CronJob", "PodDisruptionBudget",
    ];

    public static readonly string[] DefaultLast = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    public static List<KResource> Sort(IReadOnlyList<KResource> resources, SortOptions? options)
    {
        if (options?.Order == "fifo")
        {
            return [.. resources];
        }

        var first = options?.OrderFirst ?? (IReadOnlyList<string>)DefaultFirst;
        var last = options?.OrderLast ?? (IReadOnlyList<string>)DefaultLast;
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < first.Count; i++)
        {
            rank.TryAdd(first[i], i - first.Count);
        }

        for (var i = 0; i < last.Count; i++)
        {
            rank.TryAdd(last[i], i + 1);
        }

        var keyed = resources.Select(r =>
        {
            var id = r.CurrentId;
            return (Resource: r, Id: id, Rank: rank.GetValueOrDefault(id.Kind), Gvk: GvkKey(id), Tail: RestKey(id));
        }).ToList();
        keyed.Sort((a, b) =>
        {
            var c = a.Rank.CompareTo(b.Rank);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(a.Gvk, b.Gvk);
            if (c != 0 && a.Id.Kind == "Namespace" && b.Id.Kind == "Namespace" && (a.Id.Group.Length == 0 || b.Id.Group.Length == 0))
            {
                // Kustomize puts core Namespaces before Namespace kinds of other groups.
                return -c;
            }

            return c != 0 ? c : string.CompareOrdinal(a.Tail, b.Tail);
        });
        return keyed.Select(k => k.Resource).ToList();
    }

    private static string GvkKey(ResId id)
        => $"{(id.Group.Length == 0 ? "~G" : id.Group)}_{(id.Version.Length == 0 ? "~V" : id.Version)}_{(id.Kind.Length == 0 ? "~K" : id.Kind)}";

    private static string RestKey(ResId id)
        => $"{(id.Namespace.Length == 0 ? "~X" : id.Namespace)}|{(id.Name.Length == 0 ? "~N" : id.Name)}";
}
