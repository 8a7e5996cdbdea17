using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace KubeEmulator.Http;

/// <summary>
/// The non-Kubernetes control endpoints under <c>/_emulator/</c>, the HTTP twin of <see cref="EmulatorControl"/>:
/// <c>GET|DELETE requests</c>, <c>GET|POST|DELETE faults</c>, <c>GET|POST rollout</c>.
/// </summary>
internal sealed class ControlApi(EmulatorControl control)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task HandleAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "").TrimEnd('/');
        var method = context.Request.Method;
        try
        {
            switch (path, method)
            {
                case ("/_emulator/requests", "GET"):
                    await WriteAsync(context, 200, new
                    {
                        total = control.RequestCounts.Values.Sum(),
                        counts = control.RequestCounts,
                        requests = control.Requests,
                    });
                    break;
                case ("/_emulator/requests", "DELETE"):
                    control.ResetRequests();
                    await WriteAsync(context, 200, new { reset = true });
                    break;
                case ("/_emulator/faults", "GET"):
                    await WriteAsync(context, 200, control.ActiveFaults);
                    break;
                case ("/_emulator/faults", "POST"):
                    var rule = await JsonSerializer.DeserializeAsync<FaultRule>(context.Request.Body, Json, context.RequestAborted)
                        ?? throw new ArgumentException("a fault rule is required");
                    control.InjectFault(rule);
                    await WriteAsync(context, 201, rule);
                    break;
                case ("/_emulator/faults", "DELETE"):
                    control.ClearFaults();
                    await WriteAsync(context, 200, new { cleared = true });
                    break;
                case ("/_emulator/rollout", "GET"):
                    await WriteAsync(context, 200, new { @default = control.DefaultRollout });
                    break;
                case ("/_emulator/rollout", "POST"):
                    await SetRolloutAsync(context);
                    break;
                default:
                    await WriteAsync(context, 404, new { error = $"no control endpoint {method} {path}" });
                    break;
            }
        }
        catch (Exception error) when (error is ArgumentException or JsonException)
        {
            await WriteAsync(context, 400, new { error = error.Message });
        }
    }

    private async Task SetRolloutAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
            ?? throw new ArgumentException("a JSON object is required: {\"namespace\",\"name\",\"mode\"} or {\"default\"}");
        if (body["default"]?.GetValue<string>() is { } defaultMode)
        {
            control.DefaultRollout = ParseMode(defaultMode);
        }

        if (body["name"]?.GetValue<string>() is { } name)
        {
            var mode = ParseMode(body["mode"]?.GetValue<string>() ?? throw new ArgumentException("mode is required"));
            control.SetRollout(body["namespace"]?.GetValue<string>() ?? "default", name, mode);
        }

        await WriteAsync(context, 200, new { @default = control.DefaultRollout });
    }

    private static RolloutMode ParseMode(string text) =>
        Enum.TryParse<RolloutMode>(text, ignoreCase: true, out var mode)
            ? mode
            : throw new ArgumentException($"unknown rollout mode '{text}': use Immediate, Delayed, Stuck or Failed");

    private static async Task WriteAsync<T>(HttpContext context, int status, T body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, Json, context.RequestAborted);
    }
}
