using System.Net;

namespace GitOps.Core.Kubernetes;

/// <summary>The API server refused a request. The message starts with the object and keeps the server's Status message.</summary>
public sealed class KubernetesApiException : Exception
{
    public KubernetesApiException(string message, HttpStatusCode statusCode, string? reason, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The Status reason (<c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>, ...).</summary>
    public string? Reason { get; }

    /// <summary>True when retrying the same request cannot succeed (bad object, forbidden, conflict of ownership).</summary>
    public bool IsPermanent => StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Forbidden or HttpStatusCode.Conflict or HttpStatusCode.NotFound;
}
