using System.Text.Json.Nodes;

namespace GitOps.Rendering.Patches;

/// <summary>
/// RFC 6902 JSON patches (add, remove, replace, move, copy, test) with RFC 6901 pointers, as
/// <c>kubectl kustomize</c> applies them. The target is not modified: the result is a new node. Where
/// kustomize's JSON patch library is lenient this follows it: <c>replace</c> of a missing object key adds
/// it, <c>copy</c> from a missing path copies null, <c>test</c> of a missing path against null passes, and
/// a missing <c>value</c> is null. Any failure throws <see cref="JsonPatchException"/> naming the
/// operation's index, op and path.
/// <para>
/// For the kustomize pipeline: kustomize keeps internal annotations on every object while it patches, so an
/// <c>add</c> at <c>/metadata/annotations/x</c> succeeds on an object without annotations (the parent
/// exists), and an empty <c>metadata.annotations</c> map is dropped from its output. Reproduce that around
/// this engine (give each object an <c>annotations</c> map before patching, drop empty ones when writing),
/// not inside it. Labels get no such treatment: <c>/metadata/labels/x</c> fails on an object without labels.
/// </para>
/// </summary>
public static class JsonPatch6902
{
    /// <summary>Applies <paramref name="operations"/> in order to a copy of <paramref name="target"/>.</summary>
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(operations);
        JsonNode? document = target.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw new JsonPatchException(i, null, null, "an operation must be a map with op and path");
            }

            var op = JsonNodeText.ScalarText(operation["op"]);
            var path = JsonNodeText.ScalarText(operation["path"]);
            try
            {
                document = ApplyOne(document, operation, op, path);
            }
            catch (FormatException ex)
            {
                throw new JsonPatchException(i, op, path, ex.Message, ex);
            }
            catch (PatchOperationFailure ex)
            {
                throw new JsonPatchException(i, op, path, ex.Message, ex);
            }
        }

        return document ?? throw new JsonPatchException("the JSON patch replaced the whole document with null");
    }

    private static JsonNode? ApplyOne(JsonNode? document, JsonObject operation, string? op, string? pathText)
    {
        if (op is null)
        {
            throw new PatchOperationFailure("the operation has no 'op'");
        }

        if (pathText is null)
        {
            throw new PatchOperationFailure("the operation has no 'path'");
        }

        var path = JsonPointer.Parse(pathText);
        var value = operation["value"];
        switch (op)
        {
            case "add":
                return Add(document, path, value?.DeepClone());
            case "remove":
                Remove(document, path);
                return document;
            case "replace":
                return Replace(document, path, value?.DeepClone());
            case "move":
            {
                var from = From(operation);
                if (from.IsProperPrefixOf(path))
                {
                    throw new PatchOperationFailure($"cannot move '{from}' into its own child");
                }

                var moved = Remove(document, from);
                return Add(document, path, moved);
            }

            case "copy":
            {
                var from = From(operation);
                from.TryResolve(document, out var copied);
                return Add(document, path, copied?.DeepClone());
            }

            case "test":
            {
                var exists = path.TryResolve(document, out var actual);
                if (exists ? !JsonNodeText.ValueEquals(actual, value) : value is not null)
                {
                    throw new PatchOperationFailure(exists
                        ? "test failed: the value differs from the expected value"
                        : "test failed: the path does not exist");
                }

                return document;
            }

            default:
                throw new PatchOperationFailure($"unknown op '{op}' (expected add, remove, replace, move, copy or test)");
        }
    }

    private static JsonPointer From(JsonObject operation)
        => JsonNodeText.ScalarText(operation["from"]) is { } from
            ? JsonPointer.Parse(from)
            : throw new PatchOperationFailure("the operation has no 'from'");

    private static JsonNode? Add(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }

        switch (path.ResolveParent(document))
        {
            case JsonObject obj:
                obj[path.Last] = value;
                return document;
            case JsonArray array when path.Last == "-":
                array.Add(value);
                return document;
            case JsonArray array when JsonPointer.TryIndex(path.Last, array.Count, out var index):
                array.Insert(index, value);
                return document;
            case JsonArray array:
                throw new PatchOperationFailure($"'{path.Last}' is not an index of a list of {array.Count} (use 0..{array.Count} or '-')");
            default:
                throw new PatchOperationFailure("the path's parent does not exist or is not a map or list");
        }
    }

    private static JsonNode? Remove(JsonNode? document, JsonPointer path)
    {
        if (path.IsRoot)
        {
            throw new PatchOperationFailure("cannot remove the whole document");
        }

        switch (path.ResolveParent(document))
        {
            case JsonObject obj when obj.TryGetPropertyValue(path.Last, out var removed):
                obj.Remove(path.Last);
                return removed;
            case JsonArray array when JsonPointer.TryIndex(path.Last, array.Count - 1, out var index):
                var item = array[index];
                array.RemoveAt(index);
                return item;
            default:
                throw new PatchOperationFailure("the path does not exist");
        }
    }

    private static JsonNode? Replace(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }

        switch (path.ResolveParent(document))
        {
            case JsonObject obj:
                obj[path.Last] = value;
                return document;
            case JsonArray array when JsonPointer.TryIndex(path.Last, array.Count - 1, out var index):
                array[index] = value;
                return document;
            default:
                throw new PatchOperationFailure("the path does not exist");
        }
    }
}
