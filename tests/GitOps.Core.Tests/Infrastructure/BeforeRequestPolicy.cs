using Azure.Core;
using Azure.Core.Pipeline;

namespace GitOps.Core.Tests.Infrastructure;

/// <summary>
/// An Azure SDK pipeline policy that runs <c>action</c> once, just before the first request that
/// <c>matches</c> is sent: the way to put a competing writer between a read and a write against
/// the real Azurite (ETag conflicts) without a mock. Add it with
/// <c>options.AddPolicy(policy, HttpPipelinePosition.PerCall)</c>.
/// </summary>
public sealed class BeforeRequestPolicy : HttpPipelinePolicy
{
    private readonly Func<Request, bool> _matches;
    private readonly Func<Task> _action;
    private int _fired;

    public BeforeRequestPolicy(Func<Request, bool> matches, Func<Task> action)
    {
        _matches = matches;
        _action = action;
    }

    /// <summary>True once the action has run.</summary>
    public bool Fired => Volatile.Read(ref _fired) == 1;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (ShouldFire(message))
        {
            _action().GetAwaiter().GetResult();
        }

        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (ShouldFire(message))
        {
            await _action();
        }

        await ProcessNextAsync(message, pipeline);
    }

    private bool ShouldFire(HttpMessage message) =>
        _matches(message.Request) && Interlocked.CompareExchange(ref _fired, 1, 0) == 0;
}
