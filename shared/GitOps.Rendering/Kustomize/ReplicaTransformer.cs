namespace GitOps.Rendering.Kustomize;

/// <summary><c>replicas:</c> sets spec.replicas of the named workloads (by current or original name).</summary>
internal static class ReplicaTransformer
{
    public static void Apply(ResourceMap map, Kustomization k, IReadOnlyList<FieldSpec>? specs = null)
    {
        foreach (var entry in k.Replicas)
        {
            var found = false;
            foreach (var spec in specs ?? DefaultFieldSpecs.Replicas)
            {
                foreach (var r in map.MatchAnyId(entry.Name, id => id.Name == entry.Name && spec.Selects(id)))
                {
                    found = true;
                    FieldWalker.Walk(r.Body, spec, (parent, key) => parent[key] = entry.Count);
                }
            }

            if (!found)
            {
                throw RenderException.At(k.File, entry.Line, $"replicas: no Deployment, ReplicationController, ReplicaSet or StatefulSet named \"{entry.Name}\"");
            }
        }
    }
}
