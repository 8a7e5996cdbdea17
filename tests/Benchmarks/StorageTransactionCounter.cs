using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Benchmarks;

/// <summary>
/// Counts every request the storage clients send (added per retry, so a retried request counts
/// twice, as Azure bills it), by service and billing class. A queue receive that returned no
/// message and a queue properties read are the local runtime's listener polling, which the
/// Functions host does on its own schedule: they are counted apart as <see cref="Polling"/>.
/// </summary>
public sealed class StorageTransactionCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts);

    public void Reset() => _counts.Clear();

    public int Polling => _counts.GetValueOrDefault(PollingKey);

    /// <summary>Queue messages deleted after handling: one per function execution of a queue trigger.</summary>
    public int Handled => _counts.GetValueOrDefault(HandledKey);

    private const string HandledKey = "handled";

    private const string PollingKey = "queue polling";

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Count(message);
    }

    private readonly ConcurrentDictionary<int, string> _ports = new();

    /// <summary>Names the services by the ports of <paramref name="account"/>'s endpoints (Azurite serves each on its own port).</summary>
    public void Watch(GitOps.Core.Storage.StorageAccount account)
    {
        _ports[account.Queues.Uri.Port] = "queue";
        _ports[account.Blobs.Uri.Port] = "blob";
        _ports[account.Tables.Uri.Port] = "table";
    }

    private void Count(HttpMessage message)
    {
        var kind = Classify(message);
        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (kind == "queue" && message.Request.Method == RequestMethod.Delete && message.Request.Uri.ToUri().Query.Contains("popreceipt", StringComparison.OrdinalIgnoreCase))
        {
            _counts.AddOrUpdate(HandledKey, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Billing class of one request: queue operation, table transaction, blob write/list, read, or (free) delete.</summary>
    private string Classify(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var method = request.Method;
        var service = Service(uri);
        if (service == "queue")
        {
            var receive = method == RequestMethod.Get && uri.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal) && !uri.Query.Contains("peekonly", StringComparison.OrdinalIgnoreCase);
            var properties = uri.Query.Contains("comp=metadata", StringComparison.Ordinal);
            var empty = receive && message.HasResponse && !message.Response.Content.ToString().Contains("<QueueMessage>", StringComparison.Ordinal);
            return empty || properties ? PollingKey : "queue";
        }

        if (service == "blob")
        {
            return method == RequestMethod.Delete ? "blob delete"
                : method == RequestMethod.Get && uri.Query.Contains("comp=list", StringComparison.Ordinal) ? "blob write/list"
                : method == RequestMethod.Get || method == RequestMethod.Head ? "blob read"
                : "blob write/list";
        }

        return service;
    }

    // Azurite serves blob/queue/table on their own ports; Azure on blob./queue./table. hosts.
    private string Service(Uri uri) =>
        uri.Host.StartsWith("queue.", StringComparison.Ordinal) || uri.Host.Contains(".queue.", StringComparison.Ordinal) ? "queue"
        : uri.Host.Contains(".blob.", StringComparison.Ordinal) ? "blob"
        : uri.Host.Contains(".table.", StringComparison.Ordinal) ? "table"
        : _ports.TryGetValue(uri.Port, out var service) ? service : "other";
}
