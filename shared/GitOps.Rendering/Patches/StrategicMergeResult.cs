using System.Text.Json.Nodes;

namespace GitOps.Rendering.Patches;

/// <summary>The outcome of a strategic merge patch.</summary>
/// <param name="Object">The patched object; null when <see cref="Deleted"/>.</param>
/// <param name="Deleted">
/// True when the patch deleted the object (<c>$patch: delete</c> at its top level, or a merge that left
/// it empty): the caller drops it from the resource list, as kustomize does.
/// </param>
public sealed record StrategicMergeResult(JsonObject? Object, bool Deleted);
