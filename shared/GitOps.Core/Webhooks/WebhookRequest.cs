namespace GitOps.Core.Webhooks;

/// <summary>An HTTP request as the webhook handler needs it, whichever host received it (Functions or Kestrel).</summary>
/// <param name="ContentType">The Content-Type header, or null.</param>
/// <param name="ContentLength">The Content-Length header, or null (chunked).</param>
/// <param name="Header">Reads a request header by name (case-insensitive), null when absent.</param>
/// <param name="Body">The body stream; read at most once, and never past the size limit.</param>
public sealed record WebhookRequest(string? ContentType, long? ContentLength, Func<string, string?> Header, Stream Body);

/// <summary>The answer: a status code and a one-line plain-text message.</summary>
public sealed record WebhookResponse(int Status, string Message);
