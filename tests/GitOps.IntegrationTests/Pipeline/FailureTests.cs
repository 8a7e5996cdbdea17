using GitOps.Core.Alerts;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using GitOps.IntegrationTests.Infrastructure;
using k8s;

namespace GitOps.IntegrationTests.Pipeline;

/// <summary>Failures are recorded where a user looks, name the file or object, and apply nothing half-way.</summary>
[Collection(PipelineCollection.Name)]
public sealed class FailureTests
{
    private readonly PipelineFixture _fixture;

    public FailureTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task JobFailingEveryTime_EndsInPoisonQueue_WithAnAlertRow()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "unreachable"));
        pipeline.Repo.Commit("unreachable cluster");
        var kubeconfig = Path.Combine(pipeline.Folder, "unreachable-kubeconfig");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters:
              - name: gone
                cluster:
                  server: http://127.0.0.1:9
            users:
              - name: u
                user:
                  token: not-a-real-token
            contexts:
              - name: gone
                context:
                  cluster: gone
                  user: u
            current-context: gone
            """);
        await pipeline.RegisterAsync(kubeconfigFile: kubeconfig);

        await pipeline.SyncAsync();

        var poison = await pipeline.Storage.Queue(StorageNames.ReconcileJobsQueue + StorageNames.PoisonSuffix).PeekMessagesAsync(10);
        Assert.Single(poison.Value);
        Assert.Equal(0, (await pipeline.Storage.Queue(StorageNames.ReconcileJobsQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var alert = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
        Assert.Equal(AlertKind.PoisonJob, alert.Kind);
        Assert.Contains("failed all 3 deliveries", alert.Summary, StringComparison.Ordinal);
        Assert.Contains("reconcile-jobs-poison", alert.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token", alert.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidYamlInRepo_FailsTheSyncWithFileAndLine_AndAppliesNothingOfThatRevision()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "good"));
        var good = pipeline.Repo.Commit("good");
        await pipeline.RegisterAsync();
        await pipeline.SyncAsync();

        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "never-applied"));
        pipeline.Repo.Write("app/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n  name: x\n");
        var bad = pipeline.Repo.Commit("broken");
        await pipeline.SyncAsync();

        var history = await pipeline.Get<SyncHistoryStore>().ListAsync(pipeline.App, "emulator", 10, default);
        Assert.Equal(SyncResult.Failed, history[0].Result);
        Assert.Equal(bad, history[0].Revision);
        Assert.Equal("Render", history[0].FailedStage);
        Assert.Matches(@"app/broken\.yaml:\d+", history[0].Message);
        using var kube = pipeline.Kube();
        Assert.Equal("good", (await kube.CoreV1.ReadNamespacedConfigMapAsync("settings", pipeline.Namespace)).Data["greeting"]);
        var status = await pipeline.Get<AppStatusStore>().GetAsync(pipeline.App, "emulator", default);
        Assert.Equal(good, status!.AppliedRevision);
        Assert.Equal(SyncResult.Failed, status.LastResult);
        Assert.Contains(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default), a => a.Kind == AlertKind.SyncFailed);
    }

    [Fact]
    public async Task ObjectTheServerRejects_FailsValidation_AndAppliesNothing()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "fine"));
        pipeline.Repo.Write("app/widget.yaml", """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: unknown-kind
            """);
        pipeline.Repo.Commit("unknown kind");
        await pipeline.RegisterAsync();

        await pipeline.SyncAsync();

        var history = await pipeline.Get<SyncHistoryStore>().ListAsync(pipeline.App, "emulator", 10, default);
        Assert.Equal(SyncResult.Failed, history[0].Result);
        Assert.Equal("Validate", history[0].FailedStage);
        Assert.Contains("Widget/unknown-kind (from app/widget.yaml:1)", history[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(pipeline.Namespace, _fixture.Emulator.Control.ListObjectNames("v1", "Namespace"));
        Assert.Empty(_fixture.Emulator.Control.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
    }
}
