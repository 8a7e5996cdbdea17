using System.Text.Json.Nodes;
using GitOps.Rendering.Patches;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// Applies <c>patches</c>, <c>patchesStrategicMerge</c> and <c>patchesJson6902</c> with the patch
/// engines. An untargeted patch that matches nothing is an error naming the kustomization file; a
/// targeted one that selects nothing is a warning (an error when strict), as kubectl kustomize has it.
/// </summary>
internal sealed class PatchTransformer
{
    private readonly KustomizationFiles _files;
    private readonly Kustomization _k;

    public PatchTransformer(KustomizationFiles files, Kustomization k)
    {
        _files = files;
        _k = k;
    }

    /// <summary>The legacy <c>patchesStrategicMerge</c> list: each document patches the object it names.</summary>
    public void ApplyStrategicMerge(ResourceMap map)
    {
        foreach (var entry in _k.PatchesStrategicMerge)
        {
            foreach (var patch in LoadObjects(entry))
            {
                ApplyUntargeted(map, patch, entry);
            }
        }
    }

    /// <summary>The <c>patches</c> list: strategic merge or JSON 6902, by target or by the patch's own id.</summary>
    public void ApplyPatches(ResourceMap map)
    {
        foreach (var entry in _k.Patches)
        {
            var (text, source) = Text(entry);
            var docs = ManifestYaml.ParseDocuments(text, source, _files.Options).Where(d => d.Root is not null).ToList();
            if (docs.Count == 1 && docs[0].Root is JsonArray ops)
            {
                if (entry.Target is null)
                {
                    throw RenderException.At(_k.File, entry.Line, "a JSON 6902 patch needs a target");
                }

                ApplyJson6902(map, entry, ops);
                continue;
            }

            foreach (var doc in docs)
            {
                if (doc.Root is not JsonObject patch)
                {
                    throw RenderException.At(source, doc.Line, "a patch must be a map (strategic merge) or a list of operations (JSON 6902)");
                }

                if (entry.Target is null)
                {
                    ApplyUntargeted(map, patch, entry);
                }
                else
                {
                    ApplyTargeted(map, patch, entry);
                }
            }
        }
    }

    /// <summary>The legacy <c>patchesJson6902</c> list.</summary>
    public void ApplyJson6902(ResourceMap map)
    {
        foreach (var entry in _k.PatchesJson6902)
        {
            var (text, source) = Text(entry);
            var docs = ManifestYaml.ParseDocuments(text, source, _files.Options).Where(d => d.Root is not null).ToList();
            if (docs.Count != 1 || docs[0].Root is not JsonArray ops)
            {
                throw RenderException.At(source, docs.FirstOrDefault()?.Line, "a JSON 6902 patch must be a list of operations");
            }

            ApplyJson6902(map, entry, ops);
        }
    }

    private void ApplyJson6902(ResourceMap map, PatchEntry entry, JsonArray ops)
    {
        var targets = Select(map, entry);
        foreach (var r in targets)
        {
            try
            {
                r.Body = JsonPatch6902.Apply(r.Body, ops) as JsonObject
                    ?? throw RenderException.At(_k.File, entry.Line, $"JSON patch turned {r.CurrentId} into something that is not an object");
                r.EnsureAnnotations();

                // Kustomize applies a JSON patch to the object's JSON: every node is new, nothing stays shared.
                if (r.Vars is { } vars)
                {
                    vars.SharedEntries = null;
                }
            }
            catch (JsonPatchException e)
            {
                throw RenderException.At(_k.File, entry.Line, $"JSON patch {Describe(entry)} on {r.CurrentId}: {e.Message}", e);
            }
        }

        map.Reindex();
    }

    private void ApplyTargeted(ResourceMap map, JsonObject patch, PatchEntry entry)
    {
        var deleted = new HashSet<KResource>(ReferenceEqualityComparer.Instance);
        foreach (var r in Select(map, entry))
        {
            var adapted = (JsonObject)patch.DeepClone();
            if (!entry.Options.AllowKindChange)
            {
                adapted["apiVersion"] = ObjectIdentity.GetString(r.Body, "apiVersion");
                adapted["kind"] = r.Kind;
            }

            if (adapted["metadata"] is not JsonObject meta)
            {
                meta = new JsonObject();
                adapted["metadata"] = meta;
            }

            if (!entry.Options.AllowNameChange)
            {
                meta["name"] = r.Name;
            }

            if (Merge(r, adapted, entry))
            {
                deleted.Add(r);
            }
        }

        map.RemoveAll(deleted);
        map.Reindex();
    }

    private void ApplyUntargeted(ResourceMap map, JsonObject patch, PatchEntry entry)
    {
        var id = ResId.Of(patch);
        // As kustomize: the patch's own id (namespace "" meaning "default") must match a current or previous id exactly.
        var matches = map.MatchAnyId(id.Name, other => other.SameAs(id));
        if (matches.Count == 0)
        {
            throw RenderException.At(_k.File, entry.Line, $"patch {Describe(entry)}: no resource matches its target {id}");
        }

        if (matches.Count > 1)
        {
            throw RenderException.At(_k.File, entry.Line, $"patch {Describe(entry)}: more than one resource matches {id}: {string.Join(", ", matches)}");
        }

        if (Merge(matches[0], patch, entry))
        {
            map.RemoveAll(new HashSet<KResource>(ReferenceEqualityComparer.Instance) { matches[0] });
        }

        map.Reindex();
    }

    /// <summary>Applies a strategic merge patch to <paramref name="r"/>; true when the patch deleted it.</summary>
    private bool Merge(KResource r, JsonObject patch, PatchEntry entry)
    {
        StrategicMergeResult result;
        try
        {
            result = StrategicMergePatch.Apply(r.Body, patch, entry.Options, _files.MergeSchemas);
        }
        catch (StrategicMergeException e)
        {
            throw RenderException.At(_k.File, entry.Line, $"patch {Describe(entry)} on {r.CurrentId}: {e.Message}", e);
        }

        if (result.Deleted || result.Object is null)
        {
            return true;
        }

        r.Body = result.Object;
        r.EnsureAnnotations();
        return false;
    }

    private List<KResource> Select(ResourceMap map, PatchEntry entry)
    {
        var target = entry.Target!;
        List<KResource> selected;
        try
        {
            selected = map.Items.Where(r => target.Matches(r.Body, r.OriginalId.Name, r.OriginalId.Namespace)).ToList();
        }
        catch (FormatException e)
        {
            throw RenderException.At(_k.File, entry.Line, e.Message, e);
        }

        if (selected.Count == 0)
        {
            // As kubectl kustomize: a target that selects nothing is no error (components rely on it); it is a warning, an error when strict.
            var nothing = RenderException.At(_k.File, entry.Line, $"patch {Describe(entry)}: no resource matches target {target}");
            if (_files.Strict)
            {
                throw nothing;
            }

            _files.Warnings.Add(nothing.Message + "; the patch changes nothing");
        }

        return selected;
    }

    private IEnumerable<JsonObject> LoadObjects(PatchEntry entry)
    {
        var (text, source) = Text(entry);
        return ManifestYaml.Parse(text, source, _files.Options);
    }

    private (string Text, string Source) Text(PatchEntry entry)
        => entry.Inline is not null
            ? (entry.Inline, _k.File)
            : _files.ReadInside(_k, entry.Path!, entry.Line);

    private static string Describe(PatchEntry entry) => entry.Path is not null ? $"\"{entry.Path}\"" : "(inline)";
}
