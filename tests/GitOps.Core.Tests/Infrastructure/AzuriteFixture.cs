using System.Security.Cryptography;
using GitOps.Core.Storage;
using GitOps.Azurite;

namespace GitOps.Core.Tests.Infrastructure;

/// <summary>
/// One Azurite process for every test class in the <see cref="AzuriteCollection"/>. Each test takes
/// its own <see cref="StorageAccount"/> from <see cref="CreateAccountAsync"/>: a fresh random name
/// prefix, so every test has empty queues, tables and containers of its own and none cleans up.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private AzuriteProcess? _azurite;

    /// <summary>The running Azurite's connection string (the well-known development key).</summary>
    public string ConnectionString => Azurite.ConnectionString;

    private AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started: use the fixture through [Collection(AzuriteCollection.Name)].");

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartOrAttachAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A fresh name prefix: <c>t</c> and 8 random lowercase letters or digits.</summary>
    public static StorageNames NewNames() => new("t" + RandomNumberGenerator.GetString(PrefixAlphabet, 8));

    /// <summary>An account with fresh names whose queues, tables and containers exist (and are empty).</summary>
    public async Task<StorageAccount> CreateAccountAsync(CancellationToken cancellationToken = default)
    {
        var account = CreateAccountWithoutResources();
        await account.EnsureCreatedAsync(cancellationToken);
        return account;
    }

    /// <summary>
    /// <see cref="CreateAccountAsync"/> for synchronous callers (test constructors). Prefer the
    /// asynchronous form in test methods.
    /// </summary>
    public StorageAccount CreateAccount() => CreateAccountAsync().GetAwaiter().GetResult();

    /// <summary>An account with fresh names whose queues, tables and containers do not exist yet.</summary>
    public StorageAccount CreateAccountWithoutResources() => StorageAccount.FromConnectionString(ConnectionString, NewNames());
}
