using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Selectors;
using KubeEmulator.Serialization;
using Microsoft.AspNetCore.Http;

namespace KubeEmulator.Http;

/// <content>Watch: a chunked stream of <c>{"type","object"}</c> lines until timeoutSeconds, the client leaving, or the server stopping.</content>
internal sealed partial class KubeApiHandler
{
    private async Task StreamWatchAsync(HttpContext context, ApiResource resource, string? ns, LabelSelector labels, FieldSelector fields)
    {
        var query = context.Request.Query;
        var (initial, subscription) = engine.Watch(resource, ns, query["resourceVersion"].FirstOrDefault());
        using var _ = subscription;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (subscription is null)
        {
            var expired = new KubeStatusException(410, "Expired", $"too old resource version: {query["resourceVersion"]}").ToStatus();
            await WriteEventAsync(context, "ERROR", expired);
            return;
        }

        var seconds = int.TryParse(query["timeoutSeconds"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1800;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.RequestAborted);
        try
        {
            var asTable = TableRenderer.Wanted(context.Request.Headers.Accept.ToString());
            foreach (var obj in initial.Where(o => labels.Matches(JsonTree.Labels(o)) && fields.Matches(o)))
            {
                await WriteEventAsync(context, "ADDED", asTable ? TableRenderer.Render(resource, obj, options.TimeProvider.GetUtcNow()) : obj, linked.Token);
            }

            await foreach (var change in subscription.Events.ReadAllAsync(linked.Token))
            {
                var obj = change.Object;
                obj["apiVersion"] = resource.ApiVersion;
                if (labels.Matches(JsonTree.Labels(obj)) && fields.Matches(obj))
                {
                    await WriteEventAsync(context, change.Type, asTable ? TableRenderer.Render(resource, obj, options.TimeProvider.GetUtcNow()) : obj, linked.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds passed or the client went away: the stream simply ends, as on a real server.
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject obj, CancellationToken ct = default)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString(JsonOutput.Options) + "\n";
        await context.Response.WriteAsync(line, Encoding.UTF8, ct);
        await context.Response.Body.FlushAsync(ct);
    }
}
