using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Apply;
using KubeEmulator.Defaulting;
using KubeEmulator.Http;
using KubeEmulator.Patching;
using KubeEmulator.Serialization;
using KubeEmulator.Validation;

namespace KubeEmulator.Engine;

/// <content>Create, replace, patch and server-side apply, all funnelled through <see cref="Commit"/>.</content>
internal sealed partial class ResourceEngine
{
    public JsonObject Create(ApiResource resource, string ns, JsonObject body, WriteContext write)
    {
        CheckTypeMeta(resource, body);
        var metadata = JsonTree.Metadata(body);
        var bodyNamespace = JsonTree.GetString(metadata, "namespace");
        if (resource.Namespaced && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
        {
            throw KubeErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var name = JsonTree.GetString(metadata, "name");
        var generateName = JsonTree.GetString(metadata, "generateName");
        if (string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(generateName))
        {
            name = generateName + RandomSuffix();
        }

        if (string.IsNullOrEmpty(name))
        {
            throw KubeErrors.Invalid(resource, "", [FieldError.Required("metadata.name", "name or generateName is required")]);
        }

        lock (store.Gate)
        {
            RequireNamespace(resource, ns);
            if (store.Exists(resource, ns, name))
            {
                throw KubeErrors.AlreadyExists(resource, name);
            }

            return Commit(resource, ns, name, null, body, write, trackUpdate: true);
        }
    }

    public JsonObject Replace(ApiResource resource, string ns, string name, JsonObject body, WriteContext write, bool statusOnly = false)
    {
        CheckTypeMeta(resource, body);
        CheckName(body, name);
        lock (store.Gate)
        {
            var old = store.Get(resource, ns, name) ?? throw KubeErrors.NotFound(resource, name);
            var bodyVersion = JsonTree.GetString(body, "metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(bodyVersion) && bodyVersion != JsonTree.GetString(old, "metadata", "resourceVersion"))
            {
                throw KubeErrors.StaleResourceVersion(resource, name);
            }

            var candidate = statusOnly ? WithStatusOf(old, body) : body;
            return Commit(resource, ns, name, old, candidate, write, trackUpdate: !statusOnly, statusOnly);
        }
    }

    public JsonObject Patch(ApiResource resource, string ns, string name, PatchKind kind, JsonNode? patch, WriteContext write, bool statusOnly = false)
    {
        if (kind == PatchKind.Apply)
        {
            return ServerSideApplyPatch(resource, ns, name, patch as JsonObject ?? throw KubeErrors.BadRequest("the apply patch must be an object"), write);
        }

        lock (store.Gate)
        {
            var old = store.Get(resource, ns, name) ?? throw KubeErrors.NotFound(resource, name);
            var target = old.DeepClone();
            var patched = kind switch
            {
                PatchKind.Merge => MergePatch.Apply(target, patch),
                PatchKind.Strategic => StrategicMergePatch.Apply(target, patch),
                _ => JsonPatch.Apply(target, patch),
            } as JsonObject ?? throw KubeErrors.BadRequest("the patch did not produce an object");
            var patchedVersion = JsonTree.GetString(patched, "metadata", "resourceVersion");
            if (patchedVersion != JsonTree.GetString(old, "metadata", "resourceVersion") && !string.IsNullOrEmpty(patchedVersion))
            {
                throw KubeErrors.StaleResourceVersion(resource, name);
            }

            CheckTypeMeta(resource, patched);
            CheckName(patched, name);
            var candidate = statusOnly ? WithStatusOf(old, patched) : patched;
            return Commit(resource, ns, name, old, candidate, write, trackUpdate: !statusOnly, statusOnly);
        }
    }

    private JsonObject ServerSideApplyPatch(ApiResource resource, string ns, string name, JsonObject applied, WriteContext write)
    {
        if (JsonTree.GetString(applied, "apiVersion") is null || JsonTree.GetString(applied, "kind") is null)
        {
            throw KubeErrors.BadRequest("error decoding patch: apiVersion and kind must be set in an apply configuration");
        }

        CheckTypeMeta(resource, applied);
        CheckName(applied, name);
        var bodyNamespace = JsonTree.GetString(applied, "metadata", "namespace");
        if (resource.Namespaced && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
        {
            throw KubeErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        lock (store.Gate)
        {
            RequireNamespace(resource, ns);
            var old = store.Get(resource, ns, name);
            var precondition = JsonTree.GetString(applied, "metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(precondition) && precondition != JsonTree.GetString(old, "metadata", "resourceVersion"))
            {
                throw old is null ? KubeErrors.NotFound(resource, name) : KubeErrors.StaleResourceVersion(resource, name);
            }

            applied = (JsonObject)applied.DeepClone();
            ObjectDefaulter.CanonicalizeQuantities(resource, applied);
            var merged = ServerSideApply.Apply(resource, name, old, applied, write.FieldManager, write.Force, Now());
            return Commit(resource, ns, name, old, merged, write, trackUpdate: false);
        }
    }

    /// <summary>
    /// Completes and stores a write: identity, status preservation, defaulting, validation,
    /// ownership, generation, simulated controllers; a write that changes nothing keeps the old resourceVersion.
    /// </summary>
    private JsonObject Commit(
        ApiResource resource, string ns, string name, JsonObject? old, JsonObject candidate, WriteContext write, bool trackUpdate,
        bool statusOnly = false, string? subresource = null)
    {
        RefreshEstablishedCrds();
        candidate = (JsonObject)candidate.DeepClone();
        candidate["apiVersion"] = resource.ApiVersion;
        candidate["kind"] = resource.Kind;
        var metadata = JsonTree.Metadata(candidate);
        metadata["name"] = name;
        if (resource.Namespaced)
        {
            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
        }

        metadata.Remove("resourceVersion");
        metadata["uid"] = old?["metadata"]?["uid"]?.DeepClone() ?? Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = old?["metadata"]?["creationTimestamp"]?.DeepClone() ?? Now();
        if (trackUpdate)
        {
            metadata["managedFields"] = old?["metadata"]?["managedFields"]?.DeepClone();
            if (metadata["managedFields"] is null)
            {
                metadata.Remove("managedFields");
            }
        }

        if (resource.HasStatus && !statusOnly)
        {
            candidate["status"] = old?["status"]?.DeepClone();
            if (candidate["status"] is null)
            {
                candidate.Remove("status");
            }
        }

        defaulter.Apply(resource, candidate, old);
        if (resource is { Kind: "CustomResourceDefinition", IsCustom: false })
        {
            SetEstablished(candidate, catalog.IsEstablished(name) || (old is null && catalog.EstablishDelay == TimeSpan.Zero));
        }

        ObjectValidator.EnsureValid(resource, candidate);
        if (trackUpdate)
        {
            UpdateOwnership.Track(old, candidate, write.FieldManager, resource.ApiVersion, Now(), subresource);
        }

        var specChanged = old is null || !JsonTree.Same(WithoutMetaAndStatus(old), WithoutMetaAndStatus(candidate));
        if (resource.HasGeneration)
        {
            var previous = JsonTree.GetLong(old, "metadata", "generation");
            metadata["generation"] = previous is null ? 1 : specChanged ? previous + 1 : previous;
        }

        if (!statusOnly && specChanged && !write.DryRun)
        {
            rollouts.UpdateStatus(resource, candidate, specChanged: true, time.GetUtcNow());
        }

        if (old is not null && JsonTree.Same(Comparable(old), Comparable(candidate)))
        {
            return AsVersion(resource, old);
        }

        if (write.DryRun)
        {
            if (old is not null)
            {
                metadata["resourceVersion"] = old["metadata"]?["resourceVersion"]?.DeepClone();
            }

            return candidate;
        }

        if (resource is { Kind: "CustomResourceDefinition", IsCustom: false })
        {
            catalog.RegisterCrd(candidate);
        }

        Store(resource, ns, name, candidate, created: old is null);
        if (old is null && PopulateNamespaces && resource is { Kind: "Namespace", IsCustom: false })
        {
            PopulateNamespace(name);
        }

        return (JsonObject)candidate.DeepClone();
    }

    private void RequireNamespace(ApiResource resource, string ns)
    {
        if (resource.Namespaced && !store.Exists(catalog.Find("", "v1", "namespaces")!, "", ns))
        {
            throw KubeErrors.NamespaceNotFound(ns);
        }
    }
}
