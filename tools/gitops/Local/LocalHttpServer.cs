using GitOps.Core.Hosting;
using GitOps.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Cli.Local;

/// <summary>
/// The function app's HTTP triggers (<see cref="Triggers.Http"/>) on Kestrel, bound to 127.0.0.1
/// only, under the same <c>/api/</c> routes as the Functions host. Each request calls the same core
/// handler as the function; this class only adapts the request and the answer.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalHttpServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where it listens: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <param name="services">The runtime's services (the handlers come from here).</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="logging">The runtime's logging set-up, for Kestrel's own lines.</param>
    public static async Task<LocalHttpServer> StartAsync(IServiceProvider services, int port, Action<ILoggingBuilder> logging, CancellationToken cancellationToken)
    {
        var (app, address) = await LoopbackHost.StartAsync(port, app =>
        {
            foreach (var trigger in Triggers.Http)
            {
                app.MapMethods("/api/" + trigger.Route, [trigger.Method], context => HandleAsync(trigger, services, context));
            }
        }, logging, cancellationToken).ConfigureAwait(false);
        return new LocalHttpServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(HttpTrigger trigger, IServiceProvider services, HttpContext context)
    {
        var request = context.Request;
        var answer = await trigger.HandleAsync(
            services,
            new WebhookRequest(request.ContentType, request.ContentLength, name => request.Headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null, request.Body)
            {
                Route = name => context.Request.RouteValues.TryGetValue(name, out var value) ? value?.ToString() : null,
                Query = name => request.Query.TryGetValue(name, out var values) ? values.FirstOrDefault() : null,

                // Bound to 127.0.0.1 only: the caller is a local user, and no key is asked.
                Caller = request.Headers.TryGetValue("X-Gitops-Actor", out var actor) && actor.Count > 0 ? $"{actor} (local API)" : $"{Environment.UserName} (local API)",
            },
            context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Message + "\n", context.RequestAborted).ConfigureAwait(false);
    }
}
