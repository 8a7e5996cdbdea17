using GitOps.Core.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace GitOps.Functions;

/// <summary>POST /api/apps/{app}/{sync|rollback|unpin|suspend|resume}: a day-2 operation. Function key required.</summary>
public sealed class AppAction
{
    [Function(nameof(AppAction))]
    public Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "apps/{app}/{action}")] HttpRequestData request,
        FunctionContext context,
        CancellationToken cancellationToken)
        => HttpAdapter.HandleAsync(Triggers.AppAction, request, context, cancellationToken);
}
