using System.Threading.Channels;

namespace KubeEmulator.Engine;

/// <summary>One open watch: the events of one resource (optionally one namespace), in order. Dispose to stop receiving.</summary>
internal sealed class WatchSubscription(WatchHub hub, string table, string? ns) : IDisposable
{
    private readonly Channel<WatchEvent> _channel = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<WatchEvent> Events => _channel.Reader;

    public bool Wants(WatchEvent change) => change.Table == table && (ns is null || change.Namespace == ns);

    public void Offer(WatchEvent change) => _channel.Writer.TryWrite(change);

    public void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        hub.Unsubscribe(this);
        Complete();
    }
}
