using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GitOps.Core.Kubernetes;

/// <summary>
/// The retry policy in KubernetesClient's HTTP pipeline (a Polly pipeline: retry around a per-attempt
/// timeout). One handler per cluster client, so its retry budget bounds one sync. Logs name the
/// request's method and path and the status, never a header (the bearer token lives there).
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly string _cluster;
    private readonly ILogger _logger;
    private int _budget;

    public RetryHandler(string cluster, KubernetesRetryOptions options, TimeProvider time, ILogger logger)
    {
        _cluster = cluster;
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
                        "Cluster {Cluster}: {Outcome}; retry {Attempt} in {Delay}",
                        _cluster,
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
