using GitOps.Core.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace GitOps.Functions;

/// <summary>GET /api/apps: every app × cluster with its applied revision, pin, sync result, health and drift. Function key required.</summary>
public sealed class ListApps
{
    [Function(nameof(ListApps))]
    public Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "apps")] HttpRequestData request,
        FunctionContext context,
        CancellationToken cancellationToken)
        => HttpAdapter.HandleAsync(Triggers.ListApps, request, context, cancellationToken);
}
