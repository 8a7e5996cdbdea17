using System.Text;
using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Control;
using KubeEmulator.Engine;
using KubeEmulator.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KubeEmulator.Http;

/// <summary>
/// The HTTP face of the emulated API server: routes discovery and resource URLs, applies armed
/// faults, records every request, and answers failures as Kubernetes Status objects.
/// </summary>
internal sealed partial class KubeApiHandler(
    ResourceEngine engine, FaultInjector faults, RequestLog log, EmulatorOptions options, ILogger<KubeApiHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "/").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var record = new RecordedRequest("discovery", "", context.Request.Path.Value ?? "/", null, null, null, null, false, 499);
        try
        {
            var (status, body, recorded) = await DispatchAsync(context, segments, record);
            record = recorded with { StatusCode = status };
            await WriteJsonAsync(context, status, body);
        }
        catch (KubeStatusException error)
        {
            record = Identified(context, record) with { StatusCode = error.Code };
            if (error.RetryAfterSeconds is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteJsonAsync(context, error.Code, error.ToStatus());
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogUnexpected(logger, error, context.Request.Method, context.Request.Path.Value ?? "");
            record = Identified(context, record) with { StatusCode = 500 };
            await WriteJsonAsync(context, 500, KubeErrors.InternalError(error.Message).ToStatus());
        }
        finally
        {
            // A request the client abandoned keeps 499 (client closed request), as proxies log it.
            log.Record(record.StatusCode == 499 ? Identified(context, record) : record);
        }
    }

    /// <summary>The request as the resource router identified it (verb, resource, name), once it got that far.</summary>
    private static RecordedRequest Identified(HttpContext context, RecordedRequest fallback) =>
        context.Items.TryGetValue(typeof(RecordedRequest), out var value) && value is RecordedRequest identified
            ? identified with { StatusCode = fallback.StatusCode }
            : fallback;

    private async Task<(int Status, JsonNode Body, RecordedRequest Record)> DispatchAsync(HttpContext context, string[] segments, RecordedRequest record)
    {
        var method = context.Request.Method;
        switch (segments)
        {
            case ["version"]:
                return (200, DiscoveryDocuments.Version(options.KubernetesVersion), record);
            case ["api"]:
                return (200, DiscoveryDocuments.CoreVersions($"{context.Request.Host.Host}:{context.Request.Host.Port}"), record);
            case ["apis"]:
                return (200, DiscoveryDocuments.GroupList(engine.Catalog), record);
            case ["api", var version]:
                return (200, DiscoveryDocuments.ResourceList(engine.Catalog, "", version) ?? throw KubeErrors.PathNotFound(), record);
            case ["apis", var group]:
                return (200, DiscoveryDocuments.GroupDocument(engine.Catalog, group) ?? throw KubeErrors.PathNotFound(), record);
            case ["apis", var group, var version]:
                return (200, DiscoveryDocuments.ResourceList(engine.Catalog, group, version) ?? throw KubeErrors.PathNotFound(), record);
            case ["openapi", "v3"]:
                return (200, OpenApiDocuments.Root(engine.Catalog), record);
            case ["openapi", "v3", "api", var version]:
                return (200, OpenApiDocuments.GroupVersion(engine.Catalog, "", version) ?? throw KubeErrors.PathNotFound(), record);
            case ["openapi", "v3", "apis", var group, var version]:
                return (200, OpenApiDocuments.GroupVersion(engine.Catalog, group, version) ?? throw KubeErrors.PathNotFound(), record);
            case ["healthz" or "readyz" or "livez"]:
                return (200, JsonValue.Create("ok"), record);
            case ["api", var version, .. var rest]:
                return await ServeResourceAsync(context, method, RequestTarget.Parse(engine.Catalog, "", version, rest), record);
            case ["apis", var group, var version, .. var rest]:
                return await ServeResourceAsync(context, method, RequestTarget.Parse(engine.Catalog, group, version, rest), record);
            default:
                throw KubeErrors.PathNotFound();
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(JsonOutput.Options), Encoding.UTF8, context.RequestAborted);
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception error, string method, string path);
}
