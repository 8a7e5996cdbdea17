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

    /// <summary>Re-evaluates the simulated status of every object named <paramref name="ns"/>/<paramref name="name"/> after its rollout mode changed.</summary>
    public void ReevaluateRollout(string ns, string name)
    {
        lock (store.Gate)
        {
            foreach (var resource in catalog.All().Where(RolloutSimulator.Simulates))
            {
                var obj = store.Get(resource, resource.Namespaced ? ns : "", name);
                if (obj is not null)
                {
                    UpdateSimulatedStatus(resource, obj, time.GetUtcNow());
                }
            }
        }
    }

    private void RefreshDueRollouts()
    {
        var now = time.GetUtcNow();
        foreach (var (group, plural, ns, name) in rollouts.DueRollouts(now))
        {
            var resource = catalog.All().First(r => r.Group == group && r.Plural == plural);
            var obj = store.Get(resource, ns, name);
            if (obj is null)
            {
                rollouts.Forget(resource, ns, name);
                continue;
            }

            UpdateSimulatedStatus(resource, obj, now);
        }
    }

    private void UpdateSimulatedStatus(ApiResource resource, JsonObject obj, DateTimeOffset now)
    {
        var before = obj.DeepClone();
        rollouts.UpdateStatus(resource, obj, specChanged: false, now);
        if (!JsonTree.Same(before, obj))
        {
            Store(resource, JsonTree.GetString(obj, "metadata", "namespace") ?? "", JsonTree.GetString(obj, "metadata", "name") ?? "", obj);
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
