using GitOps.Core.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace GitOps.Functions;

/// <summary>GET /api/apps/{app}: one app on each of its clusters. Function key required.</summary>
public sealed class GetApp
{
    [Function(nameof(GetApp))]
    public Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "apps/{app}")] HttpRequestData request,
        FunctionContext context,
        CancellationToken cancellationToken)
        => HttpAdapter.HandleAsync(Triggers.GetApp, request, context, cancellationToken);
}
