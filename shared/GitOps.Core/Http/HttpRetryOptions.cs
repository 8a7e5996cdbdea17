namespace GitOps.Core.Http;

/// <summary>
/// How outbound HTTP calls are retried: calls to an API server (section <c>GitOps:Kubernetes:Retry</c>)
/// and to chat channels (<c>GitOps:Notifications:Retry</c>). A 429 (waiting as its <c>Retry-After</c>
/// says), a 5xx, a connection failure or an attempt that times out is retried with exponential
/// backoff and jitter; past the bounds the call fails and the queue retries the message.
/// </summary>
public sealed record HttpRetryOptions
{
    /// <summary>Retries of one call after its first attempt. Default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first backoff; it doubles each retry (with jitter). Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait before a retry, <c>Retry-After</c> included. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take. Default 60 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries one client (one sync's cluster client) may spend in all, so a sick server fails the job instead of stalling it. Default 100.</summary>
    public int MaxRetriesPerSync { get; init; } = 100;
}
