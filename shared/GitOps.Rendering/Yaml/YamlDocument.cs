using System.Text.Json.Nodes;

namespace GitOps.Rendering.Yaml;

/// <summary>One parsed YAML document: its root (null for an empty document) and where it started.</summary>
internal sealed record YamlDocument(JsonNode? Root, int Line, YamlLineMap Lines);
