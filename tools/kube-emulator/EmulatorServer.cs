using System.Net;
using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Control;
using KubeEmulator.Defaulting;
using KubeEmulator.Engine;
using KubeEmulator.Http;
using KubeEmulator.Rollout;
using KubeEmulator.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeEmulator;

/// <summary>
/// A Kubernetes API server emulator on 127.0.0.1 over plain HTTP: discovery, CRUD, list with
/// selectors, server-side apply with managedFields, dry-run and CRD-defined kinds, in memory.
/// Start one per test class (or per demo); dispose to stop it.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WatchHub _watches;
    private readonly ResourceEngine _engine;

    private readonly EmulatorCertificates? _certificates;
    private readonly string? _token;

    private EmulatorServer(WebApplication app, WatchHub watches, ResourceEngine engine, Uri baseAddress, EmulatorControl control, EmulatorCertificates? certificates, string? token)
    {
        _certificates = certificates;
        _token = token;
        _app = app;
        _watches = watches;
        _engine = engine;
        BaseAddress = baseAddress;
        Control = control;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Faults, rollout behaviour, request counters and behind-the-back edits.</summary>
    public EmulatorControl Control { get; }

    /// <summary>The CA that signed the server certificate (PEM), when <see cref="EmulatorOptions.UseTls"/>; else null.</summary>
    public string? CaCertificatePem => _certificates?.CaPem;

    /// <summary>Starts an emulator bound to 127.0.0.1 on <see cref="EmulatorOptions.Port"/> (0: a free port).</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatorOptions();
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        var certificates = options.UseTls ? EmulatorCertificates.Create(options.TimeProvider) : null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
        {
            if (certificates is not null)
            {
                listen.UseHttps(certificates.Server);
            }
        }));

        var catalog = new ResourceCatalog(options.TimeProvider) { EstablishDelay = options.CrdEstablishDelay };
        var store = new ObjectStore();
        var rollouts = new RolloutSimulator(options);
        var watches = new WatchHub();
        var engine = new ResourceEngine(catalog, store, new ObjectDefaulter(new ClusterIpAllocator()), rollouts, watches, options.TimeProvider)
        {
            PopulateNamespaces = options.PopulateNamespaces,
        };
        var faults = new FaultInjector();
        var requests = new RequestLog(options.MaxRecordedRequests);
        var control = new EmulatorControl(faults, requests, rollouts, engine);
        builder.Services.AddSingleton<IHostLifetime, NullHostLifetime>();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton(requests);
        builder.Services.AddSingleton(control);
        builder.Services.AddSingleton<KubeApiHandler>();
        builder.Services.AddSingleton<ControlApi>();

        var app = builder.Build();
        var handler = app.Services.GetRequiredService<KubeApiHandler>();
        var controlApi = app.Services.GetRequiredService<ControlApi>();
        app.Run(context => context.Request.Path.StartsWithSegments("/_emulator")
            ? controlApi.HandleAsync(context)
            : options.RequiredBearerToken is { } token && context.Request.Headers.Authorization.ToString() != $"Bearer {token}"
                ? UnauthorizedAsync(context)
                : handler.HandleAsync(context));

        if (options.CreateSystemNamespaces)
        {
            CreateSystemNamespaces(engine, catalog, options.PopulateNamespaces);
        }

        try
        {
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("the emulator started without a bound address");
            engine.StartRolloutClock();
            var scheme = certificates is null ? "http" : "https";
            return new EmulatorServer(app, watches, engine, new Uri($"{scheme}://127.0.0.1:{new Uri(address).Port}/"), control, certificates, options.RequiredBearerToken);
        }
        catch
        {
            // Port in use, cancelled start: release what was built before reporting the failure.
            engine.Dispose();
            await app.DisposeAsync();
            certificates?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes a kubeconfig (cluster, bearer-token user, context, current-context) pointing at this
    /// server and returns <paramref name="path"/>. The emulator accepts any token.
    /// </summary>
    public string WriteKubeconfig(string path, string contextName = "emulator")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(contextName);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var server = BaseAddress.ToString().TrimEnd('/');
        var name = Quoted(contextName);
        var authority = CaCertificatePem is { } pem
            ? $"\n    certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem))}"
            : string.Empty;
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {name}
              cluster:
                server: {server}{authority}
            users:
            - name: {name}
              user:
                token: {Quoted(_token ?? "emulator-token")}
            contexts:
            - name: {name}
              context:
                cluster: {name}
                user: {name}
                namespace: default
            current-context: {name}
            preferences: {"{}"}

            """;
        File.WriteAllText(path, text);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        _engine.Dispose();
        _watches.CloseAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificates?.Dispose();
    }

    private static Task UnauthorizedAsync(Microsoft.AspNetCore.Http.HttpContext context)
    {
        context.Response.StatusCode = 401;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""");
    }

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static void CreateSystemNamespaces(ResourceEngine engine, ResourceCatalog catalog, bool withApiService)
    {
        var namespaces = catalog.Find("", "v1", "namespaces")!;
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
            engine.Create(namespaces, "", body, new WriteContext("kube-apiserver"));
        }

        if (withApiService)
        {
            var service = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Service",
                ["metadata"] = new JsonObject
                {
                    ["name"] = "kubernetes",
                    ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
                },
                ["spec"] = new JsonObject
                {
                    ["clusterIP"] = "10.96.0.1",
                    ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
                },
            };
            engine.Create(catalog.Find("", "v1", "services")!, "default", service, new WriteContext("kube-apiserver"));
        }
    }
}
