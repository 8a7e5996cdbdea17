using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Cli.Local;

/// <summary>Kestrel on 127.0.0.1 only (never another interface), started, with the address it listens on.</summary>
public static class LoopbackHost
{
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="map">Maps the routes.</param>
    /// <param name="logging">Logging for Kestrel's own lines; none when null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="protocols">HTTP/1.1 by default; <see cref="HttpProtocols.Http2"/> for gRPC peers (cleartext HTTP/2 with prior knowledge).</param>
    /// <returns>The running app and its base address (<c>http://127.0.0.1:{port}/</c>).</returns>
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(
        int port, Action<WebApplication> map, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default, HttpProtocols protocols = HttpProtocols.Http1AndHttp2)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is not null)
        {
            logging(builder.Logging);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port, listen => listen.Protocols = protocols);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address + "/"));
    }
}
