using System.Text;
using Azure.Data.Tables;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;

namespace GitOps.IntegrationTests.Security;

/// <summary>
/// A canary: a Secret value and a source token planted in a run (sync, live edit, drift scan,
/// correction, a failed sync) appear nowhere in any blob, table row, queue message or log line.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class SecretCanaryTests
{
    private const string SecretValue = "canary-secret-7f3a9c";
    private const string EditedValue = "canary-edited-41d2e8";
    private const string Token = "canary-token-b81e55";

    private readonly PipelineFixture _fixture;

    public SecretCanaryTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task PlantedSecretAndToken_AppearInNoBlobRowMessageOrLogLine()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { ["CANARY_TOKEN"] = Token });
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/secret.yaml", $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
            stringData:
              password: {SecretValue}
            """);
        pipeline.Repo.Commit("a secret");
        await pipeline.Get<RegistryStore>().ApplyAsync(new RegistrySnapshot(
            [new SourceDefinition("config", pipeline.Repo.Path, "main", "CANARY_TOKEN")],
            [new ClusterDefinition("emulator", KubeconfigFile: _fixture.Kubeconfig)],
            [new AppDefinition { Name = pipeline.App, Source = "config", Path = "app", Clusters = ["emulator"], Namespace = pipeline.Namespace, DriftPolicy = DriftPolicy.Correct }]));

        await pipeline.SyncAsync();
        _fixture.Emulator.Control.PatchObject("v1", "Secret", pipeline.Namespace, "db", "{\"data\":{\"password\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(EditedValue)) + "\"}}");
        await pipeline.ScanAsync();
        pipeline.Repo.Write("app/broken.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: broken\ndata: {SecretValue}\n");
        pipeline.Repo.Commit("broken yaml quoting the secret's value");
        await pipeline.SyncAsync();

        var history = await pipeline.HistoryAsync();
        Assert.Contains(history, h => h.Reason == "drift-correction" && h.Result == SyncResult.Succeeded);
        Assert.Equal(SyncResult.Failed, history[0].Result);
        var everything = new List<(string Where, string Text)>();
        everything.AddRange(await BlobsAsync(pipeline));
        everything.AddRange(await RowsAsync(pipeline));
        everything.AddRange(await MessagesAsync(pipeline));
        everything.AddRange(pipeline.Logs.Lines.Select(l => ("log", l)));
        Assert.Contains(everything, e => e.Where.StartsWith("blob", StringComparison.Ordinal) && e.Text.Contains("hmac-sha256:", StringComparison.Ordinal));
        Assert.True(pipeline.Logs.Lines.Count > 20, "the run logged");

        foreach (var canary in new[] { SecretValue, EditedValue, Token }.SelectMany(c => new[] { c, Convert.ToBase64String(Encoding.UTF8.GetBytes(c)) }))
        {
            var leaks = everything.Where(e => e.Text.Contains(canary, StringComparison.Ordinal)).Select(e => e.Where).ToList();
            Assert.True(leaks.Count == 0, $"'{canary}' leaked into: {string.Join(", ", leaks.Take(5))}");
        }
    }

    private static async Task<List<(string, string)>> BlobsAsync(TestPipeline pipeline)
    {
        var result = new List<(string, string)>();
        foreach (var name in pipeline.Storage.Names.AllContainers())
        {
            var container = pipeline.Storage.Blobs.GetBlobContainerClient(name);
            await foreach (var blob in container.GetBlobsAsync())
            {
                var content = await container.GetBlobClient(blob.Name).DownloadContentAsync();
                result.Add(($"blob {name}/{blob.Name}", content.Value.Content.ToString()));
            }
        }

        return result;
    }

    private static async Task<List<(string, string)>> RowsAsync(TestPipeline pipeline)
    {
        var result = new List<(string, string)>();
        foreach (var name in pipeline.Storage.Names.AllTables())
        {
            await foreach (var row in pipeline.Storage.Tables.GetTableClient(name).QueryAsync<TableEntity>())
            {
                result.Add(($"table {name}/{row.PartitionKey}/{row.RowKey}", string.Join("|", row.Select(c => $"{c.Key}={c.Value}"))));
            }
        }

        return result;
    }

    private static async Task<List<(string, string)>> MessagesAsync(TestPipeline pipeline)
    {
        var result = new List<(string, string)>();
        foreach (var name in pipeline.Storage.Names.AllQueues())
        {
            foreach (var message in (await pipeline.Storage.Queues.GetQueueClient(name).PeekMessagesAsync(32)).Value)
            {
                result.Add(($"queue {name}", message.Body.ToString()));
            }
        }

        return result;
    }
}
