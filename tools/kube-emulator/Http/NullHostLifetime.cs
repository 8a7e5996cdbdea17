using Microsoft.Extensions.Hosting;

namespace KubeEmulator.Http;

/// <summary>
/// Keeps the embedded web host away from process signals: an emulator inside tests or the
/// <c>gitops</c> command must not take over Ctrl-C; its owner stops it by disposing.
/// </summary>
internal sealed class NullHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
