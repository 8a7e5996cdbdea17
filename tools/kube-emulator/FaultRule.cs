namespace KubeEmulator;

/// <summary>
/// Makes the next <see cref="Count"/> requests that match fail with <see cref="StatusCode"/>,
/// answered as a Kubernetes Status object. Null or "*" matches anything.
/// </summary>
public sealed record FaultRule
{
    /// <summary>get, list, watch, create, update, patch (any patch), apply (server-side apply only), delete, deletecollection, or "*". Default "*".</summary>
    public string Verb { get; init; } = "*";

    /// <summary>The resource plural (deployments, configmaps). Default null: any.</summary>
    public string? Resource { get; init; }

    /// <summary>The namespace. Default null: any.</summary>
    public string? Namespace { get; init; }

    /// <summary>The object name. Default null: any.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// The HTTP code: 429 (TooManyRequests, with Retry-After), 409 (Conflict), 500 (InternalError), 503, 404, 422...
    /// 0 means no failure: the request is only delayed by <see cref="Delay"/> and then served. Default 500.
    /// </summary>
    public int StatusCode { get; init; } = 500;

    /// <summary>How long to hold the request (on the emulator's clock) before failing or serving it. Default zero.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>How many matching requests fail before the rule expires. Default 1.</summary>
    public int Count { get; init; } = 1;

    /// <summary>The Retry-After seconds sent with 429 and 503. Default 1.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>The Status message. Default: the one the real server uses for the code.</summary>
    public string? Message { get; init; }
}
