using System.Buffers.Binary;
using System.Threading.Channels;
using Google.Protobuf;
using GitOps.Cli.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Benchmarks.ColdStart;

/// <summary>
/// The Functions host's end of the worker protocol: the gRPC service <c>FunctionRpc.EventStream</c>
/// (bidirectional stream of <c>StreamingMessage</c>) on 127.0.0.1 over cleartext HTTP/2, with gRPC's
/// length-prefixed framing. Each worker that connects becomes a <see cref="WorkerStream"/>.
/// </summary>
public sealed class HostStandIn : IAsyncDisposable
{
    private const string EventStreamPath = "/AzureFunctionsRpcMessages.FunctionRpc/EventStream";
    private readonly Channel<WorkerStream> _streams = Channel.CreateUnbounded<WorkerStream>();
    private readonly RpcMessages _rpc;
    private WebApplication? _app;

    private HostStandIn(RpcMessages rpc) => _rpc = rpc;

    public Uri Address { get; private set; } = null!;

    public static async Task<HostStandIn> StartAsync(RpcMessages rpc)
    {
        var host = new HostStandIn(rpc);
        (host._app, host.Address) = await LoopbackHost.StartAsync(0, app => app.MapPost(EventStreamPath, host.HandleAsync), protocols: HttpProtocols.Http2);
        return host;
    }

    /// <summary>The next worker to connect.</summary>
    public ValueTask<WorkerStream> AcceptAsync(CancellationToken cancellationToken) => _streams.Reader.ReadAsync(cancellationToken);

    private async Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = "application/grpc";
        await context.Response.StartAsync(context.RequestAborted);
        var stream = new WorkerStream(_rpc, context.Request.Body, context.Response.Body, context.RequestAborted);
        await _streams.Writer.WriteAsync(stream, context.RequestAborted);
        await stream.Closed;
        context.Response.AppendTrailer("grpc-status", "0");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>One worker's stream: length-prefixed protobuf messages each way.</summary>
public sealed class WorkerStream
{
    private readonly RpcMessages _rpc;
    private readonly Stream _requests;
    private readonly Stream _responses;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sending = new(1, 1);

    internal WorkerStream(RpcMessages rpc, Stream requests, Stream responses, CancellationToken aborted)
    {
        _rpc = rpc;
        _requests = requests;
        _responses = responses;
        aborted.Register(() => _closed.TrySetResult());
    }

    internal Task Closed => _closed.Task;

    /// <summary>Ends the stream (the worker sees the host close it).</summary>
    public void Close() => _closed.TrySetResult();

    public async Task<IMessage> ReadAsync(CancellationToken cancellationToken)
    {
        var header = new byte[5];
        await _requests.ReadExactlyAsync(header, cancellationToken);
        if (header[0] != 0)
        {
            throw new InvalidDataException("the worker sent a compressed gRPC message; the stand-in host asked for none");
        }

        var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await _requests.ReadExactlyAsync(body, cancellationToken);
        return _rpc.Parse(body);
    }

    /// <summary>Reads until a message whose content is <paramref name="field"/>, skipping the worker's log lines and anything else.</summary>
    public async Task<IMessage> ReadUntilAsync(string field, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await ReadAsync(cancellationToken);
            if (RpcMessages.ContentOf(message) == field)
            {
                return RpcMessages.GetMessage(message, field);
            }
        }
    }

    public async Task SendAsync(IMessage message, CancellationToken cancellationToken)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _responses.WriteAsync(frame, cancellationToken);
            await _responses.FlushAsync(cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }
}
