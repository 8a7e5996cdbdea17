using System.Net;
using GitOps.Core.Hosting;
using GitOps.Core.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace GitOps.Functions;

/// <summary>HTTP <c>POST /api/webhooks/gitlab</c>: GitLab push events. Anonymous here: the handler checks <c>X-Gitlab-Token</c>.</summary>
public sealed class GitLabWebhook
{
    private readonly ILogger<GitLabWebhook> _logger;

    public GitLabWebhook(ILogger<GitLabWebhook> logger) => _logger = logger;

    [Function(nameof(GitLabWebhook))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = GitLabWebhookHandler.Route)] HttpRequestData request,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = context.InvocationId });
        var contentLength = request.Headers.TryGetValues("Content-Length", out var lengths) && long.TryParse(lengths.FirstOrDefault(), out var length) ? length : (long?)null;
        var contentType = request.Headers.TryGetValues("Content-Type", out var types) ? types.FirstOrDefault() : null;
        var answer = await Triggers.GitLabWebhook.HandleAsync(
            context.InstanceServices,
            new WebhookRequest(contentType, contentLength, name => request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null, request.Body),
            cancellationToken).ConfigureAwait(false);
        var response = request.CreateResponse((HttpStatusCode)answer.Status);
        response.Headers.Add("Content-Type", "text/plain; charset=utf-8");
        await response.WriteStringAsync(answer.Message + "\n", cancellationToken).ConfigureAwait(false);
        return response;
    }
}
