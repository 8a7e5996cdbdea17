using System.Text.Json.Nodes;

namespace GitOps.Core.Drift;

/// <summary>One difference: a field of an object whose live value is not the desired one (null live value: missing).</summary>
/// <param name="Object">The object, <c>Kind/namespace/name</c>.</param>
/// <param name="Path">The field path (<c>spec.template.spec.containers[name=web].image</c>), or empty when the whole object is missing.</param>
public sealed record DriftItem(string Object, string Path, JsonNode? Desired, JsonNode? Live);
