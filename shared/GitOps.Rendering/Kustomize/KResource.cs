using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// A resource inside a Kustomize build: the object and the bookkeeping kustomize keeps in build
/// annotations (previous ids, prefixes and suffixes applied, whether it needs a hash suffix).
/// </summary>
internal sealed class KResource
{
    public KResource(JsonObject body, string sourceFile)
    {
        Body = body;
        SourceFile = sourceFile;
        EnsureAnnotations();
    }

    public JsonObject Body { get; set; }

    /// <summary>The file the object came from (for a generated object, the kustomization file).</summary>
    public string SourceFile { get; set; }

    /// <summary>The line the object starts at in <see cref="SourceFile"/>; null for generated objects.</summary>
    public int? Line { get; set; }

    /// <summary>Ids the resource had before renames and namespace changes, oldest first.</summary>
    public List<ResId> PreviousIds { get; } = [];

    public List<string> Prefixes { get; } = [];

    public List<string> Suffixes { get; } = [];

    /// <summary>A generated ConfigMap or Secret that gets the content-hash name suffix.</summary>
    public bool NeedsHash { get; set; }

    /// <summary>For a generated resource, the builtin generator kind and, for a <c>generators:</c> config, its name (origin annotations).</summary>
    public (string Kind, string? Name)? GeneratedBy { get; set; }

    /// <summary>The transformers that ran over this object, one YAML list entry each (<c>buildMetadata: [transformerAnnotations]</c>).</summary>
    public List<string>? Transformations { get; set; }

    /// <summary>What vars need to know about this resource (one field, so builds without vars pay one reference per object).</summary>
    public VarState? Vars { get; set; }

    /// <summary>Set on generated resources: create, merge or replace.</summary>
    public string? Behavior { get; set; }

    public ResId CurrentId => ResId.Of(Body);

    /// <summary>The first id it had, before any rename.</summary>
    public ResId OriginalId => PreviousIds.Count > 0 ? PreviousIds[0] : CurrentId;

    public string Kind => ObjectIdentity.GetString(Body, "kind");

    public string Name => ObjectIdentity.GetMetadataString(Body, "name") ?? string.Empty;

    public string Namespace => ObjectIdentity.GetMetadataString(Body, "namespace") ?? string.Empty;

    /// <summary>Whether <paramref name="predicate"/> holds for the current id or any previous one.</summary>
    public bool AnyId(Func<ResId, bool> predicate)
    {
        if (predicate(CurrentId))
        {
            return true;
        }

        foreach (var id in PreviousIds)
        {
            if (predicate(id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records the current id before a rename or namespace change.</summary>
    public void StorePreviousId() => PreviousIds.Add(CurrentId);

    public void SetName(string name) => Metadata()["name"] = name;

    public void SetNamespace(string ns) => Metadata()["namespace"] = ns;

    public JsonObject Metadata()
    {
        if (Body["metadata"] is not JsonObject meta)
        {
            meta = new JsonObject();
            Body["metadata"] = meta;
        }

        return meta;
    }

    /// <summary>
    /// Kustomize keeps internal annotations on every object while it builds, so metadata.annotations
    /// always exists during the build (a JSON patch may add to it) and is dropped at the end when empty.
    /// </summary>
    public void EnsureAnnotations()
    {
        var meta = Metadata();
        if (meta["annotations"] is not JsonObject)
        {
            meta["annotations"] = new JsonObject();
        }
    }

    /// <summary>The output object: without the empty annotations map the build kept.</summary>
    public RenderedObject ToRendered()
    {
        if (Body["metadata"] is JsonObject meta && meta["annotations"] is JsonObject { Count: 0 })
        {
            meta.Remove("annotations");
        }

        return new RenderedObject(Body, SourceFile) { Line = Line };
    }

    public override string ToString() => CurrentId.ToString();
}

/// <summary>The vars bound to a resource, and its labels and annotations holding <c>$(</c> that are shared nodes.</summary>
internal sealed class VarState
{
    /// <summary>The names of the vars whose objref names this resource.</summary>
    public List<string> RefVarNames { get; } = [];

    /// <summary>Labels and annotations with <c>$(</c> that a transformer added to several fields at once (see <see cref="SharedEntry"/>); null when none.</summary>
    public List<SharedEntry>? SharedEntries { get; set; }
}
