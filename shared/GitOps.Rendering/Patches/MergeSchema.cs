using System.Collections.Frozen;

namespace GitOps.Rendering.Patches;

/// <summary>
/// The strategic-merge view of one object type: for each field, how a list under it merges and the
/// schema of the value (or list element). Fields it does not name have no schema: maps merge, lists
/// are replaced, as kustomize does for fields missing from its OpenAPI document.
/// </summary>
internal sealed class MergeSchema
{
    private readonly FrozenDictionary<string, MergeField> _fields;

    public MergeSchema(IReadOnlyDictionary<string, MergeField> fields)
        => _fields = fields.ToFrozenDictionary(StringComparer.Ordinal);

    public MergeField? Field(string name) => _fields.GetValueOrDefault(name);
}
