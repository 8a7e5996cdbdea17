using System.Text.Json;
using System.Text.Json.Nodes;
using KubeEmulator.Engine;
using KubeEmulator.Selectors;
using KubeEmulator.Serialization;
using Microsoft.AspNetCore.Http;
using YamlDotNet.Core;

namespace KubeEmulator.Http;

/// <content>The resource verbs: method and URL shape to verb, body decoding, and the call into the engine.</content>
internal sealed partial class KubeApiHandler
{
    private async Task<(int Status, JsonNode Body, RecordedRequest Record)> ServeResourceAsync(
        HttpContext context, string method, RequestTarget? target, RecordedRequest record)
    {
        if (target is null)
        {
            throw KubeErrors.PathNotFound();
        }

        var query = context.Request.Query;
        var resource = target.Resource;
        var ns = target.Namespace ?? "";
        var statusOnly = target.Subresource == "status";
        var scale = target.Subresource == "scale";
        var patchKind = method == "PATCH" ? PatchKindOf(context.Request.ContentType) : (PatchKind?)null;
        var watch = query["watch"] is var w && (w == "true" || w == "1");
        var verb = (method, target.Name) switch
        {
            ("GET", null) => watch ? "watch" : "list",
            ("GET", _) => "get",
            ("POST", null) => "create",
            ("PUT", not null) => "update",
            ("PATCH", not null) => "patch",
            ("DELETE", null) => "deletecollection",
            ("DELETE", _) => "delete",
            _ => throw KubeErrors.MethodNotAllowed($"the server does not allow this method on the requested resource"),
        };
        var dryRun = query["dryRun"].Any(v => v == "All");
        var fieldManager = query["fieldManager"].FirstOrDefault();
        record = new RecordedRequest(
            verb, resource.Group, resource.Plural + (target.Subresource is null ? "" : "/" + target.Subresource), target.Namespace, target.Name,
            patchKind?.ToString().ToLowerInvariant(), fieldManager, dryRun, 200);
        context.Items[typeof(RecordedRequest)] = record;

        if (faults.Take(verb, patchKind == PatchKind.Apply, resource.Plural, target.Namespace, target.Name) is { } hit)
        {
            var (delay, fault) = hit;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, options.TimeProvider, context.RequestAborted);
            }

            if (fault is not null)
            {
                throw fault;
            }
        }

        var labels = LabelSelector.Parse(query["labelSelector"].FirstOrDefault());
        var fields = FieldSelector.Parse(query["fieldSelector"].FirstOrDefault());
        var manager = fieldManager ?? ManagerFromUserAgent(context.Request.Headers.UserAgent.ToString());
        if (manager.Length > 128)
        {
            throw KubeErrors.BadRequest("fieldManager: Too long: may not be longer than 128");
        }

        var write = new WriteContext(manager, dryRun, query["force"].Any(v => v == "true"));
        if (scale)
        {
            return (200, verb switch
            {
                "get" => engine.GetScale(resource, ns, target.Name!),
                "update" => engine.ReplaceScale(resource, ns, target.Name!, await ReadObjectAsync(context, yaml: false), write),
                "patch" => engine.PatchScale(resource, ns, target.Name!, patchKind!.Value, await ReadBodyNodeAsync(context, yaml: patchKind == PatchKind.Apply), write),
                _ => throw KubeErrors.MethodNotAllowed("the server does not allow this method on the requested resource"),
            }, record);
        }

        switch (verb)
        {
            case "get":
                return (200, AsTableIfAsked(context, resource, engine.Get(resource, ns, target.Name!)), record);
            case "list":
                var listed = engine.List(resource, target.Namespace, labels, fields, ParseLimit(query["limit"].FirstOrDefault()), query["continue"].FirstOrDefault());
                return (200, AsTableIfAsked(context, resource, listed), record);
            case "watch":
                await StreamWatchAsync(context, resource, target.Namespace, labels, fields);
                return (200, new JsonObject(), record);
            case "create":
                return (201, engine.Create(resource, ns, await ReadObjectAsync(context, yaml: false), write), record);
            case "update":
                var replaced = engine.Replace(resource, ns, target.Name!, await ReadObjectAsync(context, yaml: false), write, statusOnly);
                return (200, replaced, record);
            case "patch":
                if (patchKind == PatchKind.Apply && fieldManager is null)
                {
                    throw KubeErrors.BadRequest("PATCH requests with apply content type must provide fieldManager");
                }

                if (patchKind == PatchKind.Strategic && resource.IsCustom)
                {
                    throw KubeErrors.UnsupportedMediaType(context.Request.ContentType ?? "");
                }

                var existed = patchKind == PatchKind.Apply && Exists(resource, ns, target.Name!);
                var patch = await ReadBodyNodeAsync(context, yaml: patchKind == PatchKind.Apply);
                var patched = engine.Patch(resource, ns, target.Name!, patchKind!.Value, patch, write, statusOnly);
                return (patchKind == PatchKind.Apply && !existed ? 201 : 200, patched, record);
            case "delete":
                var options = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
                    ? await ReadBodyNodeAsync(context, yaml: false) as JsonObject
                    : null;
                return (200, engine.Delete(resource, ns, target.Name!, options, dryRun), record);
            default:
                return (200, engine.DeleteCollection(resource, target.Namespace, labels, fields, dryRun), record);
        }
    }

    private JsonObject AsTableIfAsked(HttpContext context, Api.ApiResource resource, JsonObject result) =>
        TableRenderer.Wanted(context.Request.Headers.Accept.ToString())
            ? TableRenderer.Render(resource, result, options.TimeProvider.GetUtcNow())
            : result;

    private bool Exists(Api.ApiResource resource, string ns, string name)
    {
        try
        {
            engine.Get(resource, ns, name);
            return true;
        }
        catch (KubeStatusException e) when (e.Code == 404)
        {
            return false;
        }
    }

    /// <summary>The <c>limit</c> list parameter; absent, empty or zero means no limit, as on the real server.</summary>
    private static long ParseLimit(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var limit)
            ? Math.Max(limit, 0)
            : throw KubeErrors.BadRequest($"limit: Invalid value: \"{text}\": must be an integer");
    }

    private static PatchKind PatchKindOf(string? contentType)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/merge-patch+json" => PatchKind.Merge,
            "application/strategic-merge-patch+json" => PatchKind.Strategic,
            "application/json-patch+json" => PatchKind.Json,
            "application/apply-patch+yaml" => PatchKind.Apply,
            _ => throw KubeErrors.UnsupportedMediaType(contentType ?? ""),
        };
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context, bool yaml) =>
        await ReadBodyNodeAsync(context, yaml) as JsonObject
        ?? throw KubeErrors.BadRequest("the body of the request must be an object");

    private static async Task<JsonNode?> ReadBodyNodeAsync(HttpContext context, bool yaml)
    {
        var contentType = context.Request.ContentType ?? "";
        if (contentType.Contains("protobuf", StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var bytes = buffer.ToArray();
            JsonObject? decoded;
            try
            {
                decoded = ProtobufObjects.IsEnvelope(bytes) ? ProtobufObjects.Decode(bytes) : null;
            }
            catch (Exception error) when (error is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
            {
                throw KubeErrors.BadRequest($"the body of the request could not be decoded: {error.Message}");
            }

            return decoded ?? throw KubeErrors.UnsupportedMediaType(contentType);
        }

        if (contentType.Contains("cbor", StringComparison.OrdinalIgnoreCase))
        {
            throw KubeErrors.UnsupportedMediaType(contentType);
        }

        var text = await ReadBodyAsync(context);
        if ((yaml || contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase)) && SurrogateEscape().Match(text) is { Success: true } escape)
        {
            // go-yaml refuses JSON-style surrogate pairs (\ud83d\ude00) in double-quoted scalars: characters
            // outside the Basic Multilingual Plane must come as UTF-8.
            throw KubeErrors.BadRequest($"error decoding YAML: yaml: found invalid Unicode character escape code at offset {escape.Index}");
        }

        try
        {
            return yaml || contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase) ? YamlJson.Parse(text) : JsonNode.Parse(text);
        }
        catch (Exception error) when (error is JsonException or YamlException or FormatException)
        {
            throw KubeErrors.BadRequest($"the body of the request could not be decoded: {error.Message}");
        }
    }

    /// <summary>A <c>\uD800</c>-<c>\uDFFF</c> escape not itself escaped (an even run of backslashes before it).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}")]
    private static partial System.Text.RegularExpressions.Regex SurrogateEscape();

    /// <summary>The default manager of a non-apply write: the user agent up to its first '/', as the real server derives it.</summary>
    private static string ManagerFromUserAgent(string userAgent)
    {
        var prefix = userAgent.Split('/')[0].Trim();
        prefix = prefix.Length == 0 ? "unknown" : prefix;
        return prefix.Length > 128 ? prefix[..128] : prefix;
    }
}
