using System.Text.Json.Nodes;

namespace GitOps.Core.Drift;

/// <summary>One difference: a field of an object whose live value is not the desired one (null live value: missing).</summary>
/// <param name="Object">The object, <c>Kind/namespace/name</c>.</param>
/// <param name="Path">The field path (<c>spec.template.spec.containers[name=web].image</c>), or empty when the whole object is missing.</param>
/// <param name="Desired">What Git says.</param>
/// <param name="Live">What the cluster has; null when absent.</param>
/// <param name="Manager">The field manager that owns the field live; null when nobody does (removed, or the object is missing).</param>
public sealed record DriftItem(string Object, string Path, JsonNode? Desired, JsonNode? Live, string? Manager = null)
{
    /// <summary>The object's source file in Git, when known.</summary>
    public string? SourceFile { get; init; }

    /// <summary>True when another field manager than ours owns the field now (a <c>kubectl edit</c>, an HPA).</summary>
    public bool TakenOver => Manager is not null && Manager != Apply.Ownership.FieldManager;
}
