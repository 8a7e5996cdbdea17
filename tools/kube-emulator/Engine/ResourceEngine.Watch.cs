using System.Globalization;
using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Store;

namespace KubeEmulator.Engine;

/// <content>Watches, and the clock that completes delayed rollouts while nobody asks.</content>
internal sealed partial class ResourceEngine : IDisposable
{
    private ITimer? _rolloutClock;

    /// <summary>
    /// Opens a watch. Without a resourceVersion (or "0") the current objects come first as ADDED;
    /// with one, the changes after it are replayed. Subscription is null when that version is too old (410).
    /// </summary>
    public (IReadOnlyList<JsonObject> Initial, WatchSubscription? Subscription) Watch(ApiResource resource, string? ns, string? resourceVersion)
    {
        lock (store.Gate)
        {
            RefreshClock();
            long? since = long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version : null;
            var initial = since is null ? store.List(resource, ns).Select(o => AsVersion(resource, o)).ToList() : [];
            return (initial, watches.Subscribe(ObjectStore.TableKey(resource), ns, since));
        }
    }

    /// <summary>Re-checks delayed rollouts and CRD establishment every second of <paramref name="time"/>, so watchers see them complete.</summary>
    public void StartRolloutClock()
    {
        _rolloutClock ??= time.CreateTimer(_ =>
        {
            lock (store.Gate)
            {
                RefreshClock();
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Dispose() => _rolloutClock?.Dispose();
}
