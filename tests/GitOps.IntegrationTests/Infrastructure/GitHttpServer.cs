using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using GitOps.Cli.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GitOps.IntegrationTests.Infrastructure;

/// <summary>
/// Serves repositories over git's smart HTTP protocol, as GitLab does: <c>git http-backend</c> (the
/// CGI program that ships with git) behind Kestrel on 127.0.0.1, with HTTP Basic authentication
/// where the password must be the token (GitLab accepts any user name with an access token).
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _repositories = new(StringComparer.Ordinal);

    private GitHttpServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private init; } = null!;

    /// <summary>The token a request must carry; change it to see a client with the old one refused.</summary>
    public string Token { get; set; } = "glpat-" + Guid.NewGuid().ToString("N");

    /// <summary>User names of the requests that authenticated, and the count of refused ones.</summary>
    public ConcurrentQueue<string> AuthenticatedUsers { get; } = new();

    public int Refused => _refused;

    private int _refused;

    public static async Task<GitHttpServer> StartAsync()
    {
        GitHttpServer? server = null;
        var (app, address) = await LoopbackHost.StartAsync(0, app => app.Run(context => server!.HandleAsync(context)));
        server = new GitHttpServer(app) { BaseAddress = address };
        return server;
    }

    /// <summary>Serves the repository whose work tree is <paramref name="workTree"/> as <c>{BaseAddress}{projectPath}.git</c>; returns that URL.</summary>
    public string Serve(string projectPath, string workTree)
    {
        _repositories[projectPath] = workTree;
        return $"{BaseAddress}{projectPath}.git";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var split = path.IndexOf(".git/", StringComparison.Ordinal);
        if (split < 0 || !_repositories.TryGetValue(path[1..split], out var workTree))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (Authenticated(context.Request) is not { } user)
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"GitLab\"";
            return;
        }

        AuthenticatedUsers.Enqueue(user);
        await RunBackendAsync(context, workTree, "/.git/" + path[(split + ".git/".Length)..], user);
    }

    private string? Authenticated(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && decoded[(colon + 1)..] == Token ? decoded[..colon] : null;
    }

    /// <summary>Runs <c>git http-backend</c> as a CGI program: request in environment and stdin, response headers and body on stdout.</summary>
    private static async Task RunBackendAsync(HttpContext context, string projectRoot, string pathInfo, string user)
    {
        var request = context.Request;
        var start = new ProcessStartInfo("git", "http-backend")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = projectRoot;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["PATH_INFO"] = pathInfo;
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? string.Empty;
        start.Environment["REMOTE_USER"] = user;
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        start.Environment["SERVER_PROTOCOL"] = "HTTP/1.1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        if (request.Headers.ContentEncoding.Count > 0)
        {
            start.Environment["HTTP_CONTENT_ENCODING"] = request.Headers.ContentEncoding.ToString();
        }

        if (request.Headers.TryGetValue("Git-Protocol", out var protocol))
        {
            start.Environment["GIT_PROTOCOL"] = protocol.ToString();
        }

        using var process = Process.Start(start)!;
        var feed = Task.Run(async () =>
        {
            await request.Body.CopyToAsync(process.StandardInput.BaseStream);
            process.StandardInput.Close();
        });
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.BaseStream;

        // CGI headers, then a blank line, then the body.
        var headerBytes = new List<byte>();
        while (true)
        {
            var b = output.ReadByte();
            if (b < 0)
            {
                break;
            }

            headerBytes.Add((byte)b);
            var n = headerBytes.Count;
            if ((n >= 2 && headerBytes[n - 1] == '\n' && headerBytes[n - 2] == '\n') || (n >= 4 && headerBytes[n - 1] == '\n' && headerBytes[n - 2] == '\r' && headerBytes[n - 3] == '\n'))
            {
                break;
            }
        }

        foreach (var line in Encoding.ASCII.GetString(headerBytes.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers[name] = value;
            }
        }

        await output.CopyToAsync(context.Response.Body);
        await feed;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !context.Response.HasStarted)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync(await errors);
        }
    }
}
