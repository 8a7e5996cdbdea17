using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GitOps.Core.Http;

/// <summary>
/// The retry policy of an outbound HTTP client (a Polly pipeline: retry around a per-attempt timeout):
/// KubernetesClient's pipeline (one handler per cluster client, so its budget bounds one sync) and the
/// chat channels'. Logs name the target and the status, never a header or URL (tokens live there).
/// </summary>
public sealed class RetryHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly string _target;
    private readonly ILogger _logger;
    private int _budget;

    /// <param name="target">What the client talks to, for the log: <c>Cluster prod</c>, <c>Channel team-slack</c>.</param>
    public RetryHandler(string target, HttpRetryOptions options, TimeProvider time, ILogger logger)
    {
        _target = target;
        _logger = logger;
        _budget = options.MaxRetriesPerSync;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsTransient(args.Outcome) && Interlocked.Decrement(ref _budget) >= 0),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time, options.MaxDelay)),
                OnRetry = args =>
                {
                    _logger.LogInformation(
                        "{Target}: {Outcome}; retry {Attempt} in {Delay}",
                        _target,
                        args.Outcome.Result is { } response ? $"{(int)response.StatusCode} {response.ReasonPhrase}" : args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1,
                        args.RetryDelay);
                    return default;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => await _pipeline.ExecuteAsync(async (state, ct) => await state.Handler.SendOnceAsync(state.Request, ct).ConfigureAwait(false), (Handler: this, Request: request), cancellationToken).ConfigureAwait(false);

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.NotImplemented),
        // A TLS verification failure will fail the same way again: not retried.
        { Exception: HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException } } => false,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        _ => false,
    };

    /// <summary>The server's <c>Retry-After</c>, capped; null (the backoff) when it sent none.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time, TimeSpan max)
    {
        var retryAfter = response?.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is null ? null : delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
    }
}
