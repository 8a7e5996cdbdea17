using System.Text.Json.Nodes;

namespace GitOps.Rendering;

/// <summary>One rendered Kubernetes object and the file it came from.</summary>
/// <param name="Body">The object, as Kubernetes would decode it.</param>
/// <param name="SourceFile">The file it was read from, relative to the repository root, '/' separated; for a remote base, <c>{URL}@{ref}//{path in that repository}</c>.</param>
public sealed record RenderedObject(JsonObject Body, string SourceFile)
{
    /// <summary>The line the object starts at in <see cref="SourceFile"/>, where known (generated objects have none).</summary>
    public int? Line { get; init; }

    /// <summary><c>file:line</c>, or the file alone when the line is not known.</summary>
    public string Location => Line is { } line ? $"{SourceFile}:{line}" : SourceFile;

    public string ApiVersion => ObjectIdentity.GetString(Body, "apiVersion");

    public string Kind => ObjectIdentity.GetString(Body, "kind");

    public string Name => ObjectIdentity.GetMetadataString(Body, "name") ?? string.Empty;

    public string? Namespace => ObjectIdentity.GetMetadataString(Body, "namespace");

    /// <summary>The API group: "" for the core group.</summary>
    public string Group => ObjectIdentity.GroupOf(ApiVersion);

    /// <summary><c>Kind/namespace/name</c>, or <c>Kind/name</c> without a namespace: how errors name an object.</summary>
    public string Id => ObjectIdentity.IdOf(Body);
}
