using System.Text.Json.Nodes;

namespace GitOps.Rendering.Patches;

/// <summary>
/// Strategic merge patches as <c>kubectl kustomize</c> (v5) applies them. Neither the target nor the patch
/// is modified: the result is a new object.
/// <list type="bullet">
/// <item>Maps merge recursively; a null value deletes the key; keys the target lacks are added with their
/// nulls and directives removed.</item>
/// <item>Lists with merge keys (see <see cref="KubernetesMergeSchemas"/>: containers and env by name, ports,
/// volumes, volumeMounts by mountPath, ...) merge element by element: the patch's elements first in patch
/// order, then the target's other elements in their order. <c>finalizers</c> merge as a set. Every other
/// list, and every list of a kind outside the built-in API groups (custom resources), is replaced.</item>
/// <item><c>$patch: delete</c> on a map or list element removes it; at the top level it deletes the object
/// (<see cref="StrategicMergeResult.Deleted"/>). <c>$patch: replace</c> on a map replaces it; a list element
/// that is only <c>$patch: replace</c> replaces the list. Like kustomize, <c>$patch: replace</c> at the top
/// level or on a list element that exists in the target leaves the target unchanged.</item>
/// <item><c>$setElementOrder/...</c>, <c>$deleteFromPrimitiveList/...</c> and <c>$retainKeys</c> are not
/// interpreted: kustomize copies them into the output as ordinary fields, and so does this.</item>
/// </list>
/// Errors are <see cref="StrategicMergeException"/>s whose message starts with the field path.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/>.</summary>
    public static StrategicMergeResult Apply(JsonObject target, JsonObject patch) => Apply(target, patch, schemas: null);

    /// <summary>Applies <paramref name="patch"/> with merge keys from <paramref name="schemas"/> (a kustomization's <c>openapi</c>) instead of the built-in ones.</summary>
    internal static StrategicMergeResult Apply(JsonObject target, JsonObject patch, OpenApiMergeSchemas? schemas)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(patch);
        var schema = schemas is null
            ? KubernetesMergeSchemas.For(target) ?? KubernetesMergeSchemas.For(patch)
            : SchemaOf(schemas, target) ?? SchemaOf(schemas, patch);
        var copy = (JsonObject)target.DeepClone();
        var patchCopy = (JsonObject)patch.DeepClone();
        switch (StrategicMerger.TakeMapDirective(patchCopy, string.Empty))
        {
            case "delete":
                return new StrategicMergeResult(null, Deleted: true);
            case "replace":
                // kustomize ignores a top-level replace (as on an existing list element): the target stays as it is.
                return new StrategicMergeResult(copy, Deleted: false);
        }

        var merged = StrategicMerger.WalkMap(copy, patchCopy, schema, string.Empty);
        return merged is null || merged.Count == 0
            ? new StrategicMergeResult(null, Deleted: true)
            : new StrategicMergeResult(merged, Deleted: false);
    }

    /// <summary>
    /// Applies a patch as a kustomize <c>patches:</c> entry does: after the merge the target keeps its
    /// namespace, and its name and kind unless <paramref name="options"/> allow them to change.
    /// </summary>
    public static StrategicMergeResult Apply(JsonObject target, JsonObject patch, PatchOptions options) => Apply(target, patch, options, schemas: null);

    /// <inheritdoc cref="Apply(JsonObject, JsonObject, PatchOptions)"/>
    internal static StrategicMergeResult Apply(JsonObject target, JsonObject patch, PatchOptions options, OpenApiMergeSchemas? schemas)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = Apply(target, patch, schemas);
        if (result.Object is not { } merged)
        {
            return result;
        }

        if (!options.AllowKindChange)
        {
            Restore(merged, target, "kind");
        }

        var originalMeta = target["metadata"] as JsonObject;
        if (merged["metadata"] is not JsonObject meta)
        {
            if (originalMeta is null)
            {
                return result;
            }

            meta = new JsonObject();
            merged["metadata"] = meta;
        }

        if (!options.AllowNameChange)
        {
            Restore(meta, originalMeta, "name");
        }

        Restore(meta, originalMeta, "namespace");
        return result;
    }

    private static MergeSchema? SchemaOf(OpenApiMergeSchemas schemas, JsonObject obj)
        => obj["apiVersion"] is JsonValue a && a.TryGetValue<string>(out var apiVersion) && obj["kind"] is JsonValue k && k.TryGetValue<string>(out var kind)
            ? schemas.For(apiVersion, kind)
            : null;

    private static void Restore(JsonObject into, JsonObject? from, string field)
    {
        if (from is not null && from.TryGetPropertyValue(field, out var original) && original is not null)
        {
            into[field] = original.DeepClone();
        }
        else
        {
            into.Remove(field);
        }
    }
}
