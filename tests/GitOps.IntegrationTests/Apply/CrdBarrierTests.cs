using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;
using KubeEmulator;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.IntegrationTests.Apply;

/// <summary>
/// The staging barrier: custom objects of a CRD applied in the same revision wait until it is
/// established and its kind is served. Without it (the engine before this barrier) the objects
/// were applied right after their CRD and the server's 404 failed the sync.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class CrdBarrierTests
{
    private readonly PipelineFixture _fixture;

    public CrdBarrierTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task CrdEstablishingLate_CustomObjectsWaitByRequeue_ThenApply()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await EmulatorServer.StartAsync(new EmulatorOptions { TimeProvider = clock, CrdEstablishDelay = TimeSpan.FromSeconds(30) });
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { ["GitOps:Reconcile:CrdPollInterval"] = "00:00:00.100" });
        var group = WriteCrdAndWidget(pipeline);
        await pipeline.RegisterAsync(kubeconfigFile: cluster.WriteKubeconfig(Path.Combine(pipeline.Folder, "kubeconfig")));
        await pipeline.Runtime.PollAsync(default);

        var drain = pipeline.Runtime.DrainAsync(TimeSpan.FromMinutes(1), default);
        await Poll.UntilAsync(async () => (await pipeline.Get<AppStatusStore>().GetAsync(pipeline.App, "emulator", default))?.LastResult == SyncResult.Waiting, "the sync to wait for the CRD");

        var waiting = await pipeline.StatusAsync();
        Assert.Contains($"CustomResourceDefinition/widgets.{group} to be established", waiting.LastMessage, StringComparison.Ordinal);
        Assert.NotNull(cluster.Control.GetObject("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, $"widgets.{group}"));
        Assert.Equal(0, cluster.Control.CountRequests("patch", "widgets"));
        Assert.Empty(await pipeline.HistoryAsync());

        clock.Advance(TimeSpan.FromSeconds(30));
        await drain;

        var record = Assert.Single(await pipeline.HistoryAsync());
        Assert.Equal((SyncResult.Succeeded, 3), (record.Result, record.Created));
        Assert.NotNull(cluster.Control.GetObject($"{group}/v1", "Widget", pipeline.Namespace, "blue"));
        Assert.Equal(1, cluster.Control.Requests.Count(r => r.Resource == "widgets" && r.PatchType == "apply" && !r.DryRun));
    }

    [Fact]
    public async Task CrdNeverEstablished_FailsAtCrdTimeout_NamingTheCrd()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await EmulatorServer.StartAsync(new EmulatorOptions { TimeProvider = clock, CrdEstablishDelay = TimeSpan.FromHours(1) });
        await using var pipeline = await TestPipeline.CreateAsync(_fixture, new Dictionary<string, string?> { ["GitOps:Reconcile:CrdPollInterval"] = "00:00:00.100" });
        var group = WriteCrdAndWidget(pipeline);
        await pipeline.RegisterAsync(kubeconfigFile: cluster.WriteKubeconfig(Path.Combine(pipeline.Folder, "kubeconfig")), app: app => app with { CrdTimeout = TimeSpan.FromSeconds(1) });

        await pipeline.SyncAsync();

        var record = Assert.Single(await pipeline.HistoryAsync());
        Assert.Equal((SyncResult.Failed, "Apply"), (record.Result, record.FailedStage));
        Assert.Contains($"CustomResourceDefinition/widgets.{group}: not established and served within crdTimeout (00:00:01)", record.Message, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Control.CountRequests("patch", "widgets"));
    }

    private static string WriteCrdAndWidget(TestPipeline pipeline)
    {
        var group = $"{pipeline.Id}.example.com";
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/widget.yaml", $"""
            apiVersion: {group}/v1
            kind: Widget
            metadata:
              name: blue
            spec:
              size: 3
            """);
        pipeline.Repo.Write("app/crd.yaml", Manifests.WidgetCrd(group));
        pipeline.Repo.Commit("widgets");
        return group;
    }
}
