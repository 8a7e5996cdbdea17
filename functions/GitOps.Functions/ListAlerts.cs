using GitOps.Core.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace GitOps.Functions;

/// <summary>GET /api/alerts?state=open&amp;app=: alerts. Function key required.</summary>
public sealed class ListAlerts
{
    [Function(nameof(ListAlerts))]
    public Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "alerts")] HttpRequestData request,
        FunctionContext context,
        CancellationToken cancellationToken)
        => HttpAdapter.HandleAsync(Triggers.ListAlerts, request, context, cancellationToken);
}
