using System.Security.Cryptography;
using GitOps.Core.Storage;
using GitOps.Azurite;

namespace GitOps.IntegrationTests.Cli;

/// <summary>
/// One Azurite for the registry command tests; each test takes an account with fresh random names.
/// (GitOps.Core.Tests has the same fixture as Infrastructure/AzuriteFixture; this project cannot
/// reference a test project.)
/// </summary>
public sealed class RegistryCliFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartOrAttachAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>An account with fresh names (<c>t</c> + 8 random characters) whose tables do not exist yet, as on a new deployment.</summary>
    public StorageAccount CreateAccount() =>
        StorageAccount.FromConnectionString(
            (_azurite ?? throw new InvalidOperationException("Azurite has not started.")).ConnectionString,
            new StorageNames("t" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8)));
}
