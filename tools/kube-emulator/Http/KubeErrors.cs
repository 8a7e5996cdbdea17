using System.Text.Json.Nodes;
using KubeEmulator.Api;

namespace KubeEmulator.Http;

/// <summary>The errors the real API server answers, with its exact messages, reasons and details.</summary>
internal static class KubeErrors
{
    public static KubeStatusException NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found", Details(resource, name));

    public static KubeStatusException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    public static KubeStatusException PathNotFound() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static KubeStatusException AlreadyExists(ApiResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedName} \"{name}\" already exists", Details(resource, name));

    public static KubeStatusException StaleResourceVersion(ApiResource resource, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(resource, name));

    public static KubeStatusException Conflict(ApiResource resource, string name, string message, JsonArray? causes = null)
    {
        var details = Details(resource, name);
        if (causes is not null)
        {
            details["causes"] = causes;
        }

        return new(409, "Conflict", message, details);
    }

    public static KubeStatusException Invalid(ApiResource resource, string name, IReadOnlyList<FieldError> errors)
    {
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Add(new JsonObject { ["reason"] = error.Reason, ["message"] = error.Message, ["field"] = error.Field });
        }

        var summary = errors.Count == 1
            ? errors[0].ToString()
            : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var details = new JsonObject { ["name"] = name };
        if (resource.Group.Length > 0)
        {
            details["group"] = resource.Group;
        }

        details["kind"] = resource.Kind;
        details["causes"] = causes;
        var qualifiedKind = resource.Group.Length == 0 ? resource.Kind : $"{resource.Kind}.{resource.Group}";
        return new(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    public static KubeStatusException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>A 422 without field causes (patch application failures).</summary>
    public static KubeStatusException Invalid422(string message) => new(422, "Invalid", message);

    public static KubeStatusException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static KubeStatusException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {contentType})");

    public static KubeStatusException TooManyRequests(int retryAfterSeconds) =>
        new(429, "TooManyRequests", "Too many requests, please try again later.",
            new JsonObject { ["retryAfterSeconds"] = retryAfterSeconds }, retryAfterSeconds);

    public static KubeStatusException InternalError(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) });

    private static JsonObject Details(ApiResource resource, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (resource.Group.Length > 0)
        {
            details["group"] = resource.Group;
        }

        details["kind"] = resource.Plural;
        return details;
    }
}
