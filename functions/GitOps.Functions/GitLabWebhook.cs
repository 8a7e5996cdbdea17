using GitOps.Core.Hosting;
using GitOps.Core.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace GitOps.Functions;

/// <summary>HTTP <c>POST /api/webhooks/gitlab</c>: GitLab push events. Anonymous here: the handler checks <c>X-Gitlab-Token</c>.</summary>
public sealed class GitLabWebhook
{
    [Function(nameof(GitLabWebhook))]
    public Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = GitLabWebhookHandler.Route)] HttpRequestData request,
        FunctionContext context,
        CancellationToken cancellationToken)
        => HttpAdapter.HandleAsync(Triggers.GitLabWebhook, request, context, cancellationToken);
}
