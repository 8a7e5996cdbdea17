using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GitOps.Cli.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GitOps.IntegrationTests.Infrastructure;

/// <summary>
/// Real HTTP receivers standing in for Slack, Teams, Google Chat and webhook endpoints: each path
/// records what it receives and answers 200, unless told to answer otherwise first (a 429 with
/// <c>Retry-After</c>, a 503, ...).
/// </summary>
public sealed class ChatReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string? RetryAfter)>> _answers = new(StringComparer.Ordinal);

    private ChatReceiver(WebApplication app) => _app = app;

    public sealed record Message(string Path, IReadOnlyDictionary<string, string> Headers, string Body, int Answer)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }

    public ConcurrentQueue<Message> Received { get; } = new();

    public Uri BaseAddress { get; private init; } = null!;

    public static async Task<ChatReceiver> StartAsync()
    {
        ChatReceiver? receiver = null;
        var (app, address) = await LoopbackHost.StartAsync(0, app => app.Run(context => receiver!.HandleAsync(context)));
        receiver = new ChatReceiver(app) { BaseAddress = address };
        return receiver;
    }

    /// <summary>The URL of one receiver path (as an incoming-webhook URL, with a secret-looking token in it).</summary>
    public string Url(string path) => $"{BaseAddress}{path}/T0KEN-{path}-s3cr3t";

    /// <summary>The next requests to <paramref name="path"/> get these answers, in order; then 200.</summary>
    public void AnswerNext(string path, params (int Status, string? RetryAfter)[] answers)
    {
        var queue = _answers.GetOrAdd(path, _ => new ConcurrentQueue<(int, string?)>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>The messages <paramref name="path"/> took (answered 2xx).</summary>
    public IReadOnlyList<Message> Delivered(string path) => Received.Where(m => m.Path == path && m.Answer < 300).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "/").Trim('/').Split('/')[0];
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var answer = _answers.TryGetValue(path, out var queue) && queue.TryDequeue(out var next) ? next : (200, null);
        Received.Enqueue(new Message(path, context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body, answer.Item1));
        context.Response.StatusCode = answer.Item1;
        if (answer.Item2 is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync(answer.Item1 < 300 ? "ok" : "slow down");
    }
}
