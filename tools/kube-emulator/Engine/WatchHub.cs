namespace KubeEmulator.Engine;

/// <summary>
/// Fans stored changes out to open watches and keeps a bounded history so a watch can resume
/// from a resourceVersion; older versions are answered 410 Expired, as etcd compaction would.
/// </summary>
internal sealed class WatchHub(int historyCapacity = 5000)
{
    private readonly Lock _gate = new();
    private readonly List<WatchSubscription> _subscriptions = [];
    private readonly Queue<WatchEvent> _history = new();
    private long _compactedUpTo;
    private bool _closed;

    public void Publish(WatchEvent change)
    {
        lock (_gate)
        {
            _history.Enqueue(change);
            while (_history.Count > historyCapacity)
            {
                _compactedUpTo = _history.Dequeue().ResourceVersion;
            }

            foreach (var subscription in _subscriptions.Where(s => s.Wants(change)))
            {
                subscription.Offer(change);
            }
        }
    }

    /// <summary>Opens a watch; with <paramref name="since"/>, first replays the changes after it. Null when that version is compacted away.</summary>
    public WatchSubscription? Subscribe(string table, string? ns, long? since)
    {
        lock (_gate)
        {
            if (since is { } version && version < _compactedUpTo)
            {
                return null;
            }

            var subscription = new WatchSubscription(this, table, ns);
            if (since is { } start)
            {
                foreach (var change in _history.Where(c => c.ResourceVersion > start && subscription.Wants(c)))
                {
                    subscription.Offer(change);
                }
            }

            if (_closed)
            {
                subscription.Complete();
            }
            else
            {
                _subscriptions.Add(subscription);
            }

            return subscription;
        }
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    /// <summary>Ends every open watch (the server is stopping), so no request outlives it.</summary>
    public void CloseAll()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var subscription in _subscriptions)
            {
                subscription.Complete();
            }

            _subscriptions.Clear();
        }
    }
}
