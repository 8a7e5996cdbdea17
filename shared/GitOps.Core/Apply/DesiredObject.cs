using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Core.Kubernetes;

namespace GitOps.Core.Apply;

/// <summary>An object ready to apply: resolved against the cluster's discovery, namespaced and labelled.</summary>
/// <param name="DefinedBy">The name of the CustomResourceDefinition of the same revision that defines its kind, when the cluster did not serve the kind yet.</param>
public sealed record DesiredObject(ObjectRef Ref, ResourceInfo Resource, JsonObject Body, string SourceFile, string? DefinedBy = null)
{
    /// <summary>SHA-256 of the object's JSON as applied (hex, first 32 characters).</summary>
    public string Hash { get; } = ComputeHash(Body);

    /// <summary>"Deployment/shop/web (from apps/web/deploy.yaml)".</summary>
    public string Where => $"{Ref} (from {SourceFile})";

    internal static string ComputeHash(JsonObject body)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())))[..32];
}
