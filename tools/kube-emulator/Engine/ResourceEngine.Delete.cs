using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Http;
using KubeEmulator.Selectors;
using KubeEmulator.Serialization;
using KubeEmulator.Store;

namespace KubeEmulator.Engine;

/// <content>Delete and delete-collection, with the cascades the real cluster performs (namespace contents, CRD instances).</content>
internal sealed partial class ResourceEngine
{
    /// <summary>
    /// Deletes one object. Answers the object (marked for deletion) for namespaces, CRDs, services,
    /// pods and claims, as the real server does, and a Success Status otherwise.
    /// </summary>
    public JsonObject Delete(ApiResource resource, string ns, string name, JsonObject? options, bool dryRun)
    {
        lock (store.Gate)
        {
            var old = store.Get(resource, ns, name) ?? throw KubeErrors.NotFound(resource, name);
            CheckPreconditions(resource, name, old, options);
            if (!dryRun)
            {
                Remove(resource, ns, name, old);
            }

            if (resource is { IsCustom: false, Kind: "Namespace" or "CustomResourceDefinition" or "Service" or "Pod" or "PersistentVolumeClaim" })
            {
                var metadata = JsonTree.Metadata(old);
                metadata["deletionTimestamp"] = Now();
                metadata["deletionGracePeriodSeconds"] = 0;
                if (resource.Kind == "Namespace")
                {
                    JsonTree.EnsureObject(old, "status")["phase"] = "Terminating";
                }

                return AsVersion(resource, old);
            }

            var details = new JsonObject { ["name"] = name };
            if (resource.Group.Length > 0)
            {
                details["group"] = resource.Group;
            }

            details["kind"] = resource.Plural;
            details["uid"] = old["metadata"]?["uid"]?.DeepClone();
            return new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Success",
                ["details"] = details,
            };
        }
    }

    /// <summary>Deletes every matching object in the namespace (all namespaces when null); answers the list of deleted objects.</summary>
    public JsonObject DeleteCollection(ApiResource resource, string? ns, LabelSelector labels, FieldSelector fields, bool dryRun)
    {
        lock (store.Gate)
        {
            var items = new JsonArray();
            foreach (var obj in store.List(resource, ns))
            {
                if (!labels.Matches(JsonTree.Labels(obj)) || !fields.Matches(obj))
                {
                    continue;
                }

                if (!dryRun)
                {
                    Remove(resource, JsonTree.GetString(obj, "metadata", "namespace") ?? "", JsonTree.GetString(obj, "metadata", "name") ?? "", obj);
                }

                items.Add(AsVersion(resource, obj));
            }

            return new JsonObject
            {
                ["kind"] = resource.ListKind,
                ["apiVersion"] = resource.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["items"] = items,
            };
        }
    }

    private void Remove(ApiResource resource, string ns, string name, JsonObject old)
    {
        store.Remove(resource, ns, name);
        PublishDeleted(ObjectStore.TableKey(resource), ns, old);
        if (resource.IsCustom)
        {
            return;
        }

        switch (resource.Kind)
        {
            case "Namespace":
                foreach (var (table, obj) in store.RemoveNamespace(name))
                {
                    PublishDeleted(table, name, obj);
                }

                break;
            case "CustomResourceDefinition":
                foreach (var served in catalog.All().Where(r => r.IsCustom && $"{r.Plural}.{r.Group}" == name))
                {
                    store.RemoveAll(served);
                }

                catalog.UnregisterCrd(name);
                break;
            default:
                rollouts.Forget(resource, ns, name);
                break;
        }
    }

    private void PublishDeleted(string table, string ns, JsonObject obj)
    {
        var version = store.NextResourceVersion();
        var deleted = (JsonObject)obj.DeepClone();
        JsonTree.Metadata(deleted)["resourceVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        watches.Publish(new WatchEvent(table, ns, "DELETED", deleted, version));
    }

    private static void CheckPreconditions(ApiResource resource, string name, JsonObject old, JsonObject? options)
    {
        var preconditions = options?["preconditions"] as JsonObject;
        var uid = JsonTree.GetString(preconditions, "uid");
        var version = JsonTree.GetString(preconditions, "resourceVersion");
        if (!string.IsNullOrEmpty(uid) && uid != JsonTree.GetString(old, "metadata", "uid"))
        {
            throw KubeErrors.Conflict(resource, name,
                $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {JsonTree.GetString(old, "metadata", "uid")}");
        }

        if (!string.IsNullOrEmpty(version) && version != JsonTree.GetString(old, "metadata", "resourceVersion"))
        {
            throw KubeErrors.Conflict(resource, name,
                $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": Precondition failed: ResourceVersion in precondition: {version}, ResourceVersion in object meta: {JsonTree.GetString(old, "metadata", "resourceVersion")}");
        }
    }
}
