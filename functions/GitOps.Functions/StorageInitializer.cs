using GitOps.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace GitOps.Functions;

/// <summary>Creates the queues, tables and containers at start-up (idempotent), so no trigger meets a missing one.</summary>
internal sealed class StorageInitializer : IHostedService
{
    private readonly StorageAccount _storage;

    public StorageInitializer(StorageAccount storage) => _storage = storage;

    public Task StartAsync(CancellationToken cancellationToken) => _storage.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
