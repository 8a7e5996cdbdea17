using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Core.Kubernetes;

namespace GitOps.Core.Apply;

/// <summary>An object ready to apply: resolved against the cluster's discovery, namespaced and labelled.</summary>
public sealed record DesiredObject(ObjectRef Ref, ResourceInfo Resource, JsonObject Body, string SourceFile)
{
    /// <summary>SHA-256 of the object's JSON as applied (hex, first 32 characters).</summary>
    public string Hash { get; } = ComputeHash(Body);

    internal static string ComputeHash(JsonObject body)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())))[..32];
}
