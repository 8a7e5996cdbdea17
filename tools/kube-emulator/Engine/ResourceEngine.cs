using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Defaulting;
using KubeEmulator.Http;
using KubeEmulator.Rollout;
using KubeEmulator.Selectors;
using KubeEmulator.Serialization;
using KubeEmulator.Store;

namespace KubeEmulator.Engine;

/// <summary>
/// The API server's registry layer: every verb on every resource, independent of HTTP. Each call
/// runs atomically under the store's lock and answers clones; failures are <see cref="KubeStatusException"/>.
/// </summary>
internal sealed partial class ResourceEngine(
    ResourceCatalog catalog, ObjectStore store, ObjectDefaulter defaulter, RolloutSimulator rollouts, WatchHub watches, TimeProvider time)
{
    public ResourceCatalog Catalog => catalog;

    public JsonObject Get(ApiResource resource, string ns, string name)
    {
        lock (store.Gate)
        {
            RefreshDueRollouts();
            var obj = store.Get(resource, ns, name) ?? throw KubeErrors.NotFound(resource, name);
            return AsVersion(resource, obj);
        }
    }

    public JsonObject List(ApiResource resource, string? ns, LabelSelector labels, FieldSelector fields)
    {
        lock (store.Gate)
        {
            RefreshDueRollouts();
            var items = new JsonArray();
            foreach (var obj in store.List(resource, ns))
            {
                if (labels.Matches(JsonTree.Labels(obj)) && fields.Matches(obj))
                {
                    items.Add(AsVersion(resource, obj));
                }
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

    /// <summary>Re-evaluates the rollout of one deployment after its mode changed; false when it does not exist.</summary>
    public bool ReevaluateRollout(string ns, string name)
    {
        var deployments = catalog.Find("apps", "v1", "deployments")!;
        lock (store.Gate)
        {
            var obj = store.Get(deployments, ns, name);
            if (obj is null)
            {
                return false;
            }

            var before = obj["status"]?.DeepClone();
            rollouts.UpdateStatus(deployments, obj, force: true, time.GetUtcNow());
            if (!JsonTree.Same(before, obj["status"]))
            {
                Store(deployments, ns, name, obj);
            }

            return true;
        }
    }

    private void RefreshDueRollouts()
    {
        var now = time.GetUtcNow();
        var due = rollouts.DueRollouts(now);
        if (due.Count == 0)
        {
            return;
        }

        var deployments = catalog.Find("apps", "v1", "deployments")!;
        foreach (var (ns, name) in due)
        {
            var obj = store.Get(deployments, ns, name);
            if (obj is null)
            {
                rollouts.Forget(ns, name);
                continue;
            }

            rollouts.UpdateStatus(deployments, obj, force: true, now);
            Store(deployments, ns, name, obj);
        }
    }

    private void Store(ApiResource resource, string ns, string name, JsonObject obj, bool created = false)
    {
        var version = store.NextResourceVersion();
        JsonTree.Metadata(obj)["resourceVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        store.Put(resource, ns, name, obj);
        watches.Publish(new WatchEvent(ObjectStore.TableKey(resource), ns, created ? "ADDED" : "MODIFIED", (JsonObject)obj.DeepClone(), version));
    }

    /// <summary>Objects are stored once per resource; a read through another served version only relabels apiVersion.</summary>
    private static JsonObject AsVersion(ApiResource resource, JsonObject obj)
    {
        obj["apiVersion"] = resource.ApiVersion;
        return obj;
    }

    private string Now() => Timestamps.Format(time.GetUtcNow());
}
