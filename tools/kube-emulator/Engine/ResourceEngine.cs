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
            RefreshClock();
            var obj = store.Get(resource, ns, name) ?? throw KubeErrors.NotFound(resource, name);
            return AsVersion(resource, obj);
        }
    }

    /// <summary>
    /// Lists the objects matching both selectors in (namespace, name) order. With <paramref name="limit"/> above
    /// zero, answers at most that many and, when more remain, <c>metadata.continue</c> (resume with it as
    /// <paramref name="continueToken"/>) and, for lists without selectors, <c>metadata.remainingItemCount</c>.
    /// </summary>
    public JsonObject List(ApiResource resource, string? ns, LabelSelector labels, FieldSelector fields, long limit = 0, string? continueToken = null)
    {
        lock (store.Gate)
        {
            RefreshClock();
            var listVersion = store.CurrentResourceVersion;
            var start = "";
            if (!string.IsNullOrEmpty(continueToken))
            {
                (listVersion, start) = ContinueToken.Decode(continueToken, ns);
            }

            var matching = store.List(resource, ns, start)
                .Where(entry => labels.Matches(JsonTree.Labels(entry.Object)) && fields.Matches(entry.Object))
                .ToList();
            var page = limit > 0 && matching.Count > limit ? matching.GetRange(0, (int)limit) : matching;
            var items = new JsonArray();
            foreach (var (_, obj) in page)
            {
                items.Add(AsVersion(resource, obj));
            }

            var metadata = new JsonObject { ["resourceVersion"] = listVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (page.Count < matching.Count)
            {
                metadata["continue"] = ContinueToken.Encode(listVersion, page[^1].Key);
                if (labels.IsEverything && fields.IsEverything)
                {
                    metadata["remainingItemCount"] = matching.Count - page.Count;
                }
            }

            return new JsonObject
            {
                ["kind"] = resource.ListKind,
                ["apiVersion"] = resource.ApiVersion,
                ["metadata"] = metadata,
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
