using GitOps.Core.Apply;
using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;

namespace GitOps.IntegrationTests.Pipeline;

/// <summary>Kinds the client library has no model for: a CRD and its objects in one commit.</summary>
[Collection(PipelineCollection.Name)]
public sealed class CustomResourceTests
{
    private readonly PipelineFixture _fixture;

    public CustomResourceTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task CrdAndItsObjectInOneCommit_AreAppliedInStages_WithTypedScalars()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        var group = $"{pipeline.Id}.example.com";
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/widget.yaml", $"""
            apiVersion: {group}/v1
            kind: Widget
            metadata:
              name: blue
            spec:
              size: 3
              enabled: true
              ratio: 0.5
              code: "042"
              label: "true"
            """);
        pipeline.Repo.Write("app/crd.yaml", Manifests.WidgetCrd(group));
        pipeline.Repo.Commit("widgets");
        await pipeline.RegisterAsync();

        await pipeline.SyncAsync();

        var history = await pipeline.Get<SyncHistoryStore>().ListAsync(pipeline.App, "emulator", 10, default);
        Assert.Equal(SyncResult.Succeeded, history[0].Result);
        Assert.Equal(3, history[0].Created);
        var json = _fixture.Emulator.Control.GetObject($"{group}/v1", "Widget", pipeline.Namespace, "blue");
        Assert.NotNull(json);
        var widget = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.Equal(pipeline.App, (string?)widget["metadata"]!["labels"]![Ownership.AppLabel]);
        var spec = widget["spec"]!;
        Assert.Equal(System.Text.Json.JsonValueKind.Number, spec["size"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.True, spec["enabled"]!.GetValueKind());
        Assert.Equal(0.5, (double)spec["ratio"]!);
        Assert.Equal("042", (string?)spec["code"]);
        Assert.Equal("true", (string?)spec["label"]);

        // And no false drift on the custom object.
        await pipeline.ScanAsync();
        Assert.Equal(DriftState.InSync, (await pipeline.Get<AppStatusStore>().GetAsync(pipeline.App, "emulator", default))!.Drift);
    }
}
