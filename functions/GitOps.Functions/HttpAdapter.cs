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

                // The host checked the function key; the caller may name themselves for the audit history.
                Caller = Header("X-Gitops-Actor") is { Length: > 0 } actor ? $"{actor} (function key)" : "api (function key)",
            },
            cancellationToken).ConfigureAwait(false);
        var response = request.CreateResponse((HttpStatusCode)answer.Status);
        response.Headers.Add("Content-Type", answer.ContentType);
        await response.WriteStringAsync(answer.Message + (answer.ContentType.StartsWith("text/", StringComparison.Ordinal) ? "\n" : string.Empty), cancellationToken).ConfigureAwait(false);
        return response;
    }
}
