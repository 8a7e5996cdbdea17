using System.Collections.Concurrent;
using System.Diagnostics;
using GitOps.Core;
using GitOps.IntegrationTests.Infrastructure;

namespace GitOps.IntegrationTests.Operations;

/// <summary>Each sync stage and drift scan is a span with app and cluster attributes, and no attribute carries a secret.</summary>
[Collection(PipelineCollection.Name)]
public sealed class TelemetryTests
{
    private readonly PipelineFixture _fixture;

    public TelemetryTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task SyncAndScan_AreSpansPerStage_WithAppAndClusterAndNoSecret()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == Telemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if ((string?)a.GetTagItem("gitops.app") == pipeline.App) { spans.Enqueue(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: canary-otel-31\n");
        pipeline.Repo.Commit("start");
        await pipeline.RegisterAsync();

        await pipeline.SyncAsync();
        await pipeline.ScanAsync();

        Assert.Equal(["gitops.apply", "gitops.drift", "gitops.prune", "gitops.render", "gitops.source", "gitops.validate"], spans.Select(s => s.OperationName).Distinct().Order(StringComparer.Ordinal));
        Assert.All(spans, s => Assert.Equal("emulator", s.GetTagItem("gitops.cluster")));
        Assert.Equal(2, spans.First(s => s.OperationName == "gitops.render").GetTagItem("gitops.objects"));
        Assert.DoesNotContain(spans.SelectMany(s => s.Tags), t => t.Value?.Contains("canary-otel", StringComparison.Ordinal) == true);
    }
}
