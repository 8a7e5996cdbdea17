using System.Text.Json.Nodes;

namespace KubeEmulator.Http;

/// <summary>A failure answered as a Kubernetes <c>Status</c> object with the given HTTP code.</summary>
internal sealed class KubeStatusException(int code, string reason, string message, JsonObject? details = null, int? retryAfterSeconds = null)
    : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
        };
        if (Reason.Length > 0)
        {
            status["reason"] = Reason;
        }

        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }

        status["code"] = Code;
        return status;
    }
}
