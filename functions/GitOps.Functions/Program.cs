using GitOps.Core;
using GitOps.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults()
    .ConfigureServices((context, services) =>
    {
        services.AddGitOpsCore(context.Configuration);
        services.AddHostedService<StorageInitializer>();
    })
    .Build();

await host.RunAsync();
