using GitOps.Core.Kubernetes;

namespace GitOps.Core.Inventory;

/// <summary>An object the app owns on a cluster, as last confirmed (applied) there.</summary>
public sealed record InventoryEntry(ObjectRef Object, string ApiVersion, string? ResourceVersion, string DesiredHash, string Revision);
