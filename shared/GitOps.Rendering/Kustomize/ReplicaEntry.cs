namespace GitOps.Rendering.Kustomize;

/// <summary>A <c>replicas:</c> entry.</summary>
internal sealed record ReplicaEntry(string Name, long Count, int? Line);
