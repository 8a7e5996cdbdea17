using System.Text.Json.Nodes;
using GitOps.Core.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GitOps.Cli.Local;

/// <summary>
/// A chat room on the newcomer's machine: an HTTP receiver on 127.0.0.1 that <c>gitops run</c>
/// registers as a <c>webhook</c> channel. It checks each delivery's Standard Webhooks signature and
/// prints the message as a chat client would show it.
/// </summary>
public sealed class LocalChatSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalChatSink(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The URL to register as the channel's (a setting, as a real webhook URL would be).</summary>
    public string Url { get; }

    public static async Task<LocalChatSink> StartAsync(string secret, TextWriter output, CancellationToken cancellationToken)
    {
        var (app, address) = await LoopbackHost.StartAsync(0, app => app.MapPost("/chat", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            var headers = context.Request.Headers;
            var verified = StandardWebhookSigner.Verify(secret, headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            var text = JsonNode.Parse(body)?["data"]?["text"]?.GetValue<string>() ?? body;
            lock (output)
            {
                output.WriteLine($"==> Chat message ({(verified ? "signature verified" : "SIGNATURE INVALID")}):");
                foreach (var line in text.Split('\n'))
                {
                    output.WriteLine("    | " + line);
                }
            }

            context.Response.StatusCode = verified ? 200 : 401;
        }), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new LocalChatSink(app, address + "chat");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
