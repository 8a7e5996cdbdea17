namespace GitOps.Core.Webhooks;

/// <summary>An HTTP request as the core handlers need it, whichever host received it (Functions or Kestrel).</summary>
/// <param name="ContentType">The Content-Type header, or null.</param>
/// <param name="ContentLength">The Content-Length header, or null (chunked).</param>
/// <param name="Header">Reads a request header by name (case-insensitive), null when absent.</param>
/// <param name="Body">The body stream; read at most once, and never past the handler's size limit.</param>
public sealed record WebhookRequest(string? ContentType, long? ContentLength, Func<string, string?> Header, Stream Body)
{
    /// <summary>A value of the route template (<c>{app}</c>), null when absent.</summary>
    public Func<string, string?> Route { get; init; } = _ => null;

    /// <summary>A query-string parameter, null when absent.</summary>
    public Func<string, string?> Query { get; init; } = _ => null;

    /// <summary>Who is calling, for the audit history: the host says (function key, or the local user).</summary>
    public string Caller { get; init; } = "unknown";
}

/// <summary>The answer: a status code and a body (one line of plain text, or JSON).</summary>
public sealed record WebhookResponse(int Status, string Message)
{
    public string ContentType { get; init; } = "text/plain; charset=utf-8";
}
