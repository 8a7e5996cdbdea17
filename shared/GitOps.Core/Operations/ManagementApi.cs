using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Core.Alerts;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.Core.Webhooks;

namespace GitOps.Core.Operations;

/// <summary>
/// The management API under <c>/api/</c> (function-level keys in Azure; on the local runtime's
/// 127.0.0.1 port no key): read apps, history and alerts, and post operations. Answers are JSON with
/// the fields of <see cref="OperationViews"/>; errors are <c>{"error": "..."}</c> with 400 (naming the
/// field), 404 (unknown app or cluster) or 409.
/// </summary>
public sealed class ManagementApi
{
    /// <summary>The operations <c>POST apps/{app}/{action}</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Actions = ["sync", "rollback", "unpin", "suspend", "resume"];

    private const int MaxBodyBytes = 64 * 1024;

    private readonly RegistryStore _registry;
    private readonly AppStatusStore _status;
    private readonly SyncHistoryStore _history;
    private readonly AlertStore _alerts;
    private readonly AppOperations _operations;

    public ManagementApi(RegistryStore registry, AppStatusStore status, SyncHistoryStore history, AlertStore alerts, AppOperations operations)
    {
        _registry = registry;
        _status = status;
        _history = history;
        _alerts = alerts;
        _operations = operations;
    }

    /// <summary><c>GET /api/apps</c>: every app × cluster.</summary>
    public async Task<WebhookResponse> ListAppsAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var registry = await _registry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var statuses = (await _status.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => (s.App, s.Cluster));
        return Json(200, new JsonArray([.. registry.Apps.OrderBy(a => a.Name, StringComparer.Ordinal)
            .SelectMany(a => a.Clusters.Select(c => (JsonNode)OperationViews.App(a, c, statuses.GetValueOrDefault((a.Name, c)))))]));
    }

    /// <summary><c>GET /api/apps/{app}</c>: the app on each of its clusters.</summary>
    public async Task<WebhookResponse> GetAppAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var name = request.Route("app") ?? string.Empty;
        var app = (await _registry.LoadForAsync(name, null, cancellationToken).ConfigureAwait(false)).FindApp(name);
        if (app is null)
        {
            return Error(404, $"app/{name} is not registered");
        }

        var clusters = new JsonArray();
        foreach (var cluster in app.Clusters)
        {
            clusters.Add(OperationViews.App(app, cluster, await _status.GetAsync(app.Name, cluster, cancellationToken).ConfigureAwait(false)));
        }

        return Json(200, new JsonObject { ["app"] = app.Name, ["clusters"] = clusters });
    }

    /// <summary><c>GET /api/apps/{app}/history?cluster=&amp;top=</c>: newest first.</summary>
    public async Task<WebhookResponse> HistoryAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var name = request.Route("app") ?? string.Empty;
        var cluster = request.Query("cluster");
        var topText = request.Query("top");
        if (topText is not null && (!int.TryParse(topText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed < 1 || parsed > 1000))
        {
            return Error(400, $"top: '{topText}' is not a number from 1 to 1000");
        }

        var top = topText is null ? 20 : int.Parse(topText, System.Globalization.CultureInfo.InvariantCulture);
        var app = (await _registry.LoadForAsync(name, null, cancellationToken).ConfigureAwait(false)).FindApp(name);
        if (app is null)
        {
            return Error(404, $"app/{name} is not registered");
        }

        if (cluster is not null && !app.Clusters.Contains(cluster))
        {
            return Error(404, $"app/{name} is not applied to cluster/{cluster}");
        }

        var rows = new List<SyncRecord>();
        foreach (var c in cluster is null ? app.Clusters : [cluster])
        {
            rows.AddRange(await _history.ListAsync(app.Name, c, top, cancellationToken).ConfigureAwait(false));
        }

        return Json(200, new JsonArray([.. rows.OrderByDescending(r => r.FinishedAt).Take(top).Select(r => (JsonNode)OperationViews.History(r))]));
    }

    /// <summary><c>GET /api/alerts?state=open&amp;app=</c>.</summary>
    public async Task<WebhookResponse> AlertsAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var state = request.Query("state");
        if (state is not null and not ("open" or "resolved" or "all"))
        {
            return Error(400, $"state: '{state}' is not open, resolved or all");
        }

        var alerts = await _alerts.ListAsync(request.Query("app"), cancellationToken).ConfigureAwait(false);
        return Json(200, new JsonArray([.. alerts
            .Where(a => state is null or "all" || (state == "open") == a.IsOpen)
            .Select(a => (JsonNode)OperationViews.Alert(a))]));
    }

    /// <summary><c>POST /api/apps/{app}/{action}</c> with <c>{"cluster", "revision", "any", "reason"}</c>, every field optional but rollback's revision.</summary>
    public async Task<WebhookResponse> ActionAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var action = request.Route("action") ?? string.Empty;
        if (!Actions.Contains(action))
        {
            return Error(404, $"no action '{action}': use {string.Join(", ", Actions)}");
        }

        JsonObject body;
        try
        {
            body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationException e)
        {
            return Error(e.Status, e.Message);
        }

        try
        {
            var operation = new OperationRequest(request.Route("app") ?? string.Empty, Text(body, "cluster"), request.Caller)
            {
                Revision = Text(body, "revision"),
                Any = Flag(body, "any"),
                Reason = Text(body, "reason"),
            };
            var result = action switch
            {
                "sync" => await _operations.SyncAsync(operation, cancellationToken).ConfigureAwait(false),
                "rollback" => await _operations.RollbackAsync(operation, cancellationToken).ConfigureAwait(false),
                "unpin" => await _operations.UnpinAsync(operation, cancellationToken).ConfigureAwait(false),
                "suspend" => await _operations.SuspendAsync(operation, cancellationToken).ConfigureAwait(false),
                _ => await _operations.ResumeAsync(operation, cancellationToken).ConfigureAwait(false),
            };
            return Json(202, OperationViews.Result(result));
        }
        catch (OperationException e)
        {
            return Error(e.Status, e.Message);
        }
    }

    private static async Task<JsonObject> ReadBodyAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && request.ContentType is null))
        {
            return [];
        }

        if (request.ContentType is { } type && !type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new OperationException(415, $"Content-Type must be application/json, not {type}");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new OperationException(413, $"the body is larger than the {MaxBodyBytes} bytes allowed");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) as JsonObject ?? throw new OperationException(400, "the body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new OperationException(400, $"malformed JSON: {e.Message}");
        }
    }

    private static string? Text(JsonObject body, string field)
        => body[field] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw new OperationException(400, $"{field}: must be a string"),
        };

    private static bool Flag(JsonObject body, string field)
        => body[field] switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            _ => throw new OperationException(400, $"{field}: must be true or false"),
        };

    private static WebhookResponse Json(int status, JsonNode body) => new(status, body.ToJsonString()) { ContentType = "application/json; charset=utf-8" };

    private static WebhookResponse Error(int status, string message) => Json(status, new JsonObject { ["error"] = message });
}
