using System.Collections.Concurrent;
using GitOps.Cli.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;

namespace GitOps.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP server standing in for GitLab's commit status API (<c>POST /api/v4/projects/:id/statuses/:sha</c>):
/// it records every request and answers as GitLab does, 201 with the status, or 400 when the
/// status already has that state. <see cref="Outage"/> makes it answer 503.
/// </summary>
public sealed class GitLabApiStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<(string Sha, string Name), string> _states = new();

    private GitLabApiStandIn(WebApplication app) => _app = app;

    public sealed record Request(string Method, string RawTarget, string? PrivateToken, IReadOnlyDictionary<string, string> Form, int Answer);

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>The API root to put in <c>gitlab.apiUrl</c>.</summary>
    public string ApiUrl { get; private init; } = string.Empty;

    public bool Outage { get; set; }

    public static async Task<GitLabApiStandIn> StartAsync()
    {
        GitLabApiStandIn? standIn = null;
        var (app, address) = await LoopbackHost.StartAsync(0, app => app.Run(context => standIn!.HandleAsync(context)));
        standIn = new GitLabApiStandIn(app) { ApiUrl = address + "api/v4" };
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var form = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
            : new Dictionary<string, string>();
        var token = context.Request.Headers.TryGetValue("PRIVATE-TOKEN", out var t) ? t.ToString() : null;
        var answer = Outage ? 503 : 201;
        var segments = raw.Split('/');
        if (!Outage && segments.Length >= 2 && segments[^2] == "statuses" && form.TryGetValue("state", out var state) && form.TryGetValue("name", out var name))
        {
            var key = (segments[^1], name);
            answer = _states.TryGetValue(key, out var current) && current == state ? 400 : 201;
            _states[key] = state;
        }

        Requests.Enqueue(new Request(context.Request.Method, raw, token, form, answer));
        context.Response.StatusCode = answer;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer switch
        {
            201 => "{\"id\":93,\"status\":\"" + form.GetValueOrDefault("state") + "\"}",
            400 => "{\"message\":\"Cannot transition status via :run from :running\"}",
            _ => "{\"message\":\"503 Service Unavailable\"}",
        });
    }
}
