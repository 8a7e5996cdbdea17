using System.Net;
using GitOps.Core.Hosting;
using GitOps.Core.Webhooks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace GitOps.Functions;

/// <summary>Adapts a Functions HTTP request to the core handlers' <see cref="WebhookRequest"/>, and their answer back. Logic stays in the core.</summary>
internal static class HttpAdapter
{
    public static async Task<HttpResponseData> HandleAsync(HttpTrigger trigger, HttpRequestData request, FunctionContext context, CancellationToken cancellationToken)
    {
        string? Header(string name) => request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
        var query = QueryHelpers.ParseQuery(request.Url.Query);
        var contentLength = long.TryParse(Header("Content-Length"), out var length) ? length : (long?)null;
        var answer = await trigger.HandleAsync(
            context.InstanceServices,
            new WebhookRequest(Header("Content-Type"), contentLength, Header, request.Body)
            {
                Route = name => context.BindingContext.BindingData.TryGetValue(name, out var value) ? value?.ToString() : null,
                Query = name => query.TryGetValue(name, out var values) ? values.FirstOrDefault() : null,

                // The host checked the function key and names it in a claim; the caller may name themselves too.
                Caller = Caller(request, Header("X-Gitops-Actor")),
            },
            cancellationToken).ConfigureAwait(false);
        var response = request.CreateResponse((HttpStatusCode)answer.Status);
        response.Headers.Add("Content-Type", answer.ContentType);
        await response.WriteStringAsync(answer.Message + (answer.ContentType.StartsWith("text/", StringComparison.Ordinal) ? "\n" : string.Empty), cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>The function key's name (the host's <c>keyid</c> claim), with the name the caller gives in <c>X-Gitops-Actor</c>.</summary>
    private static string Caller(HttpRequestData request, string? actor)
    {
        var key = request.Identities.SelectMany(i => i.Claims)
            .FirstOrDefault(c => c.Type.EndsWith("/claims/keyid", StringComparison.OrdinalIgnoreCase))?.Value;
        var who = key is null ? "function key" : $"function key '{key}'";
        return string.IsNullOrWhiteSpace(actor) ? who : $"{actor} ({who})";
    }
}
