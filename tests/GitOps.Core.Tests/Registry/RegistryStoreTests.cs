using Azure.Data.Tables;
using GitOps.Core.Registry;
using GitOps.Core.Storage;
using GitOps.Core.Tests.Infrastructure;

namespace GitOps.Core.Tests.Registry;

[Collection(AzuriteCollection.Name)]
public sealed class RegistryStoreTests
{
    private readonly AzuriteFixture _azurite;

    public RegistryStoreTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task ApplyAsync_EmptyStore_CreatesEveryEntry()
    {
        var store = new RegistryStore(await _azurite.CreateAccountAsync());

        var result = await store.ApplyAsync(RegistryFixtures.Full());

        Assert.Equal(
            ["source/local created", "source/platform created", "cluster/dev created", "cluster/prod-weu created", "app/tools created", "app/web created", "notification/pager created", "notification/platform-slack created"],
            result.Changes.Select(c => c.ToString()));
        Assert.True(result.HasChanges);
    }

    [Fact]
    public async Task ApplyAsync_ClusterConnectionModes_RoundTripThroughTheTable()
    {
        var store = new RegistryStore(await _azurite.CreateAccountAsync());

        await store.ApplyAsync(RegistryFixtures.ConnectionModes());

        RegistryFixtures.AssertEquivalent(RegistryFixtures.ConnectionModes(), await store.LoadAsync());
        Assert.False((await store.ApplyAsync(RegistryFixtures.ConnectionModes())).HasChanges);
    }

    [Fact]
    public async Task ApplyAsync_SameRegistryTwice_ReportsUnchangedAndWritesNothing()
    {
        var account = await _azurite.CreateAccountAsync();
        var store = new RegistryStore(account);
        await store.ApplyAsync(RegistryFixtures.Full());
        var before = await RowVersionsAsync(account);

        var result = await store.ApplyAsync(RegistryFixtures.Full());

        Assert.All(result.Changes, c => Assert.Equal(ChangeAction.Unchanged, c.Action));
        Assert.Equal(8, result.Changes.Count);
        Assert.False(result.HasChanges);
        Assert.Equal(before, await RowVersionsAsync(account));
    }

    [Fact]
    public async Task ApplyAsync_ChangedEntries_UpdatesOnlyThose()
    {
        var store = new RegistryStore(await _azurite.CreateAccountAsync());
        await store.ApplyAsync(RegistryFixtures.Full());
        var full = RegistryFixtures.Full();
        var web = full.FindApp("web")!;
        var changed = full with
        {
            Sources = [full.Sources[0] with { Branch = "release" }, full.Sources[1]],
            Apps = [web with { Variables = new Dictionary<string, string>(web.Variables) { ["REPLICAS"] = "5" } }, full.Apps[1]],
        };

        var result = await store.ApplyAsync(changed);

        Assert.Equal(
            ["source/platform updated", "app/web updated"],
            result.Changes.Where(c => c.Action != ChangeAction.Unchanged).Select(c => c.ToString()));
        RegistryFixtures.AssertEquivalent(changed, await store.LoadAsync());
    }

    [Fact]
    public async Task ApplyAsync_VariablesInAnotherOrder_ReportsUnchanged()
    {
        var store = new RegistryStore(await _azurite.CreateAccountAsync());
        await store.ApplyAsync(RegistryFixtures.Full());
        var full = RegistryFixtures.Full();
        var web = full.FindApp("web")!;
        var reordered = full with
        {
            Apps = [web with { Variables = web.Variables.Reverse().ToDictionary() }, full.Apps[1]],
        };

        var result = await store.ApplyAsync(reordered);

        Assert.False(result.HasChanges);
    }

    [Fact]
    public async Task ApplyAsync_PruneWithEntriesGone_DeletesThem()
    {
        var store = new RegistryStore(await _azurite.CreateAccountAsync());
        await store.ApplyAsync(RegistryFixtures.Full());
        var full = RegistryFixtures.Full();
        var smaller = new RegistrySnapshot([full.Sources[0]], [full.Clusters[0]], [full.Apps[0] with { Clusters = ["prod-weu"] }]);

        var result = await store.ApplyAsync(smaller, prune: true);

        Assert.Equal(
            ["source/local deleted", "cluster/dev deleted", "app/tools deleted", "app/web updated", "notification/pager deleted", "notification/platform-slack deleted"],
            result.Changes.Where(c => c.Action != ChangeAction.Unchanged).Select(c => c.ToString()));
        RegistryFixtures.AssertEquivalent(smaller, await store.LoadAsync());
    }

    [Fact]
    public async Task ApplyAsync_EntriesGoneWithoutPrune_KeepsThem()
    {
        var store = new RegistryStore(await _azurite.CreateAccountAsync());
        await store.ApplyAsync(RegistryFixtures.Full());
        var full = RegistryFixtures.Full();

        var result = await store.ApplyAsync(new RegistrySnapshot([full.Sources[0]], [], []));

        Assert.Equal(["source/platform unchanged"], result.Changes.Select(c => c.ToString()));
        RegistryFixtures.AssertEquivalent(full, await store.LoadAsync());
    }

    [Fact]
    public async Task ApplyAsync_PruneWithOtherPartitionInSourcesTable_LeavesItAlone()
    {
        var account = await _azurite.CreateAccountAsync();
        var sources = account.Table(StorageNames.SourcesTable);
        await sources.AddEntityAsync(new TableEntity("head", "platform") { ["Commit"] = "0123abcd" });
        var store = new RegistryStore(account);
        await store.ApplyAsync(RegistryFixtures.Full());

        var result = await store.ApplyAsync(new RegistrySnapshot([], [], []), prune: true);

        Assert.Equal(8, result.Count(ChangeAction.Deleted));
        var head = await sources.GetEntityAsync<TableEntity>("head", "platform");
        Assert.Equal("0123abcd", head.Value.GetString("Commit"));
        Assert.Empty((await store.LoadAsync()).Sources);
    }

    [Fact]
    public async Task ApplyAsync_InvalidSnapshot_ThrowsAndWritesNothing()
    {
        var account = await _azurite.CreateAccountAsync();
        var store = new RegistryStore(account);
        var full = RegistryFixtures.Full();
        var invalid = full with { Apps = [full.Apps[0] with { Source = "missing" }] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ApplyAsync(invalid));

        Assert.Contains("app/web: source: unknown source 'missing'", error.Message);
        Assert.Empty(await RowVersionsAsync(account));
    }

    [Fact]
    public async Task ApplyAsync_InvalidFile_WritesNothing()
    {
        var account = await _azurite.CreateAccountAsync();
        var store = new RegistryStore(account);
        var yaml = RegistryFixtures.FullFile.Replace("source: local", "source: nowhere", StringComparison.Ordinal);

        await Assert.ThrowsAsync<RegistryFileException>(async () => await store.ApplyAsync(RegistryFile.Parse(yaml, "registry.yaml")));

        Assert.Empty(await RowVersionsAsync(account));
    }

    [Fact]
    public async Task ApplyAsync_TablesMissing_CreatesThem()
    {
        var store = new RegistryStore(_azurite.CreateAccountWithoutResources());

        var result = await store.ApplyAsync(RegistryFixtures.Full());

        Assert.Equal(8, result.Count(ChangeAction.Created));
        RegistryFixtures.AssertEquivalent(RegistryFixtures.Full(), await store.LoadAsync());
    }

    [Fact]
    public async Task ApplyAsync_RowChangedBetweenReadAndWrite_ThrowsConflictAndKeepsTheOtherWrite()
    {
        var account = await _azurite.CreateAccountAsync();
        await new RegistryStore(account).ApplyAsync(RegistryFixtures.Full());
        var sources = account.Table(StorageNames.SourcesTable);
        var competingWrite = new BeforeRequestPolicy(
            request => request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal),
            async () =>
            {
                var row = (await sources.GetEntityAsync<TableEntity>("source", "platform")).Value;
                row["Branch"] = "hotfix";
                await sources.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
            });
        var options = new TableClientOptions();
        options.AddPolicy(competingWrite, Azure.Core.HttpPipelinePosition.PerCall);
        var racing = new StorageAccount(account.Queues, account.Blobs, new TableServiceClient(_azurite.ConnectionString, options), account.Names);
        var full = RegistryFixtures.Full();
        var desired = full with { Sources = [full.Sources[0] with { Branch = "release" }, full.Sources[1]] };

        var error = await Assert.ThrowsAsync<RegistryConflictException>(() => new RegistryStore(racing).ApplyAsync(desired));

        Assert.True(competingWrite.Fired);
        Assert.StartsWith("source/platform: ", error.Message);
        Assert.NotNull(error.InnerException);
        Assert.Equal("hotfix", (await new RegistryStore(account).LoadAsync()).FindSource("platform")!.Branch);
    }

    [Fact]
    public async Task PlanAsync_ChangedRegistry_ReportsChangesAndWritesNothing()
    {
        var account = await _azurite.CreateAccountAsync();
        var store = new RegistryStore(account);
        await store.ApplyAsync(RegistryFixtures.Full());
        var before = await RowVersionsAsync(account);
        var full = RegistryFixtures.Full();

        var plan = await store.PlanAsync(full with { Apps = [full.Apps[0] with { DriftPolicy = DriftPolicy.Alert }] }, prune: true);

        Assert.Equal(["app/tools deleted", "app/web updated"], plan.Changes.Where(c => c.Action != ChangeAction.Unchanged).Select(c => c.ToString()));
        Assert.Equal(before, await RowVersionsAsync(account));
    }

    [Fact]
    public async Task LoadAsync_AfterApply_RoundTripsEveryField()
    {
        var store = new RegistryStore(await _azurite.CreateAccountAsync());
        await store.ApplyAsync(RegistryFixtures.Full());

        var loaded = await store.LoadAsync();

        RegistryFixtures.AssertEquivalent(RegistryFixtures.Full(), loaded);
    }

    [Fact]
    public async Task LoadAsync_TablesMissing_ReturnsEmptyRegistry()
    {
        var store = new RegistryStore(_azurite.CreateAccountWithoutResources());

        var loaded = await store.LoadAsync();

        Assert.Empty(loaded.Sources);
        Assert.Empty(loaded.Clusters);
        Assert.Empty(loaded.Apps);
    }

    /// <summary>Every row of the three registry tables (all partitions) with its ETag: equal before and after means nothing was written.</summary>
    private static async Task<List<string>> RowVersionsAsync(StorageAccount account)
    {
        var rows = new List<string>();
        foreach (var table in new[] { StorageNames.SourcesTable, StorageNames.ClustersTable, StorageNames.AppsTable })
        {
            await foreach (var row in account.Table(table).QueryAsync<TableEntity>())
            {
                rows.Add($"{table}/{row.PartitionKey}/{row.RowKey}@{row.ETag}");
            }
        }

        return rows;
    }
}
