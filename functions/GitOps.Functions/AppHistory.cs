using GitOps.Core.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace GitOps.Functions;

/// <summary>GET /api/apps/{app}/history?cluster=&amp;top=: the sync history, newest first. Function key required.</summary>
public sealed class AppHistory
{
    [Function(nameof(AppHistory))]
    public Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "apps/{app}/history")] HttpRequestData request,
        FunctionContext context,
        CancellationToken cancellationToken)
        => HttpAdapter.HandleAsync(Triggers.AppHistory, request, context, cancellationToken);
}
