using GitOps.Core.Kubernetes;

namespace GitOps.Core.Health;

/// <summary>The health of one object, with a message a person can act on.</summary>
public sealed record ObjectHealth(ObjectRef Object, HealthStatus Status, string Message)
{
    /// <summary><c>Deployment/shop/web: 1 of 3 replicas available</c>.</summary>
    public override string ToString() => $"{Object}: {Message}";
}
