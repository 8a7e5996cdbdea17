namespace KubeEmulator.Control;

/// <summary>The answered requests, bounded, for counters and assertions. Thread-safe.</summary>
internal sealed class RequestLog(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            var key = CountKey(request.Verb, request.Resource);
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            if (capacity == 0)
            {
                return;
            }

            if (_requests.Count >= capacity)
            {
                _requests.Dequeue();
            }

            _requests.Enqueue(request);
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    public IReadOnlyDictionary<string, int> Counts()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_counts, StringComparer.Ordinal);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _counts.Clear();
        }
    }

    public static string CountKey(string verb, string resource) => $"{verb} {resource}";
}
