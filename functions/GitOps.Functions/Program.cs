using Azure.Monitor.OpenTelemetry.Exporter;
using GitOps.Core;
using GitOps.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults()
    .ConfigureServices((context, services) =>
    {
        services.AddGitOpsCore(context.Configuration);
        services.AddHostedService<StorageInitializer>();

        // Spans of each sync stage, drift scan and notification, and their counts, with app and cluster
        // as attributes (never a secret): to Application Insights when the app has its connection string.
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(Telemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(Telemetry.Name));
        if (!string.IsNullOrEmpty(context.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            telemetry.UseAzureMonitorExporter();
        }
    })
    .Build();

await host.RunAsync();
