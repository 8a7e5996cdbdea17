using Azure.Core;
using GitOps.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace GitOps.Core.Tests.Storage;

public sealed class StorageAccountTests
{
    [Fact]
    public void FromConfiguration_AccountName_UsesIdentityBasedServiceUris()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "gitopsprod",
        }).Build();

        var account = StorageAccount.FromConfiguration(configuration, new StorageNames("p1"), new NoCredential());

        Assert.Equal(new Uri("https://gitopsprod.queue.core.windows.net/"), account.Queues.Uri);
        Assert.Equal(new Uri("https://gitopsprod.blob.core.windows.net/"), account.Blobs.Uri);
        Assert.Equal("p1-reconcile-jobs", account.Queue(StorageNames.ReconcileJobsQueue).Name);
        Assert.Equal("p1appstatus", account.Table(StorageNames.AppStatusTable).Name);
    }

    [Fact]
    public void FromConfiguration_NothingSet_ExplainsWhichSettingToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(new ConfigurationBuilder().Build()));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    public void StorageNames_InvalidPrefix_IsRejected(string prefix)
        => Assert.Throws<ArgumentException>(() => new StorageNames(prefix));

    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException("not used");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new InvalidOperationException("not used");
    }
}
