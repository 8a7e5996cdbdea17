using GitOps.Core.Alerts;
using GitOps.Core.Apply;
using GitOps.Core.Registry;
using GitOps.Core.Status;
using GitOps.IntegrationTests.Infrastructure;
using k8s;

namespace GitOps.IntegrationTests.Apply;

/// <summary>Ownership: never fight another field manager unless told to, never take over another app's object, stay inside the app's tenancy.</summary>
[Collection(PipelineCollection.Name)]
public sealed class OwnershipTests
{
    private readonly PipelineFixture _fixture;

    public OwnershipTests(PipelineFixture fixture) => _fixture = fixture;

    private KubeEmulator.EmulatorControl Cluster => _fixture.Emulator.Control;

    [Fact]
    public async Task ConflictWithKubectlEdit_IsReportedNotForced_AndTheRestStillApplies()
    {
        await using var pipeline = await StartAsync();
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":5}}""", "kubectl-edit");
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 3));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "changed"));
        pipeline.Repo.Commit("three replicas, new greeting");

        await pipeline.SyncAsync();

        using var kube = pipeline.Kube();
        Assert.Equal(5, (await kube.AppsV1.ReadNamespacedDeploymentAsync("web", pipeline.Namespace)).Spec.Replicas);
        Assert.Equal("changed", (await kube.CoreV1.ReadNamespacedConfigMapAsync("settings", pipeline.Namespace)).Data["greeting"]);
        var record = (await pipeline.HistoryAsync())[0];
        Assert.Equal(SyncResult.Failed, record.Result);
        Assert.Equal("Apply", record.FailedStage);
        Assert.Equal(1, record.Failed);
        Assert.Equal(1, record.Configured);
        var detail = Assert.Single(record.Details);
        Assert.StartsWith($"failed Deployment/{pipeline.Namespace}/web (app/web.yaml): conflict with \"kubectl-edit\": .spec.replicas", detail, StringComparison.Ordinal);
        var alert = Assert.Single(await pipeline.Get<AlertStore>().ListAsync(pipeline.App, default));
        Assert.Equal((AlertKind.Conflict, AlertSeverity.Error), (alert.Kind, alert.Severity));
        Assert.Contains("kubectl-edit", alert.Summary, StringComparison.Ordinal);
        Assert.Contains(".spec.replicas", alert.Summary, StringComparison.Ordinal);
        Assert.Equal(0, Cluster.Requests.Count(r => r.Resource == "deployments" && r.PatchType == "apply" && !r.DryRun));
    }

    [Fact]
    public async Task ForceTrue_TakesTheFieldsOver_AndHistorySaysSo()
    {
        await using var pipeline = await StartAsync(app => app with { Force = true });
        Cluster.PatchObject("apps/v1", "Deployment", pipeline.Namespace, "web", """{"spec":{"replicas":5}}""", "kubectl-edit");
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 3));
        pipeline.Repo.Commit("three replicas");

        await pipeline.SyncAsync();

        using var kube = pipeline.Kube();
        var web = await kube.AppsV1.ReadNamespacedDeploymentAsync("web", pipeline.Namespace);
        Assert.Equal(3, web.Spec.Replicas);
        Assert.DoesNotContain(web.Metadata.ManagedFields, m => m.Manager == "kubectl-edit" && m.FieldsV1.ToString()!.Contains("replicas", StringComparison.Ordinal));
        var record = (await pipeline.HistoryAsync())[0];
        Assert.Equal(SyncResult.Succeeded, record.Result);
        Assert.Contains(record.Details, d => d.StartsWith($"configured Deployment/{pipeline.Namespace}/web", StringComparison.Ordinal)
            && d.Contains("forced: took over", StringComparison.Ordinal) && d.Contains("\"kubectl-edit\": .spec.replicas", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ObjectOfAnotherApp_IsNeverTakenOver_TheSyncFailsAtValidationNamingBothApps()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("first/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("first/config.yaml", Manifests.ConfigMap("shared", "first"));
        pipeline.Repo.Commit("first app");
        var first = new AppDefinition { Name = pipeline.App + "-a", Source = "config", Path = "first", Clusters = ["emulator"], Namespace = pipeline.Namespace };
        await pipeline.RegisterAppsAsync(null, first);
        await pipeline.SyncAsync();
        pipeline.Repo.Write("second/config.yaml", Manifests.ConfigMap("shared", "second"));
        pipeline.Repo.Write("second/other.yaml", Manifests.ConfigMap("other", "second"));
        pipeline.Repo.Commit("second app, with a name the first app has");
        var second = first with { Name = pipeline.App + "-b", Path = "second" };
        await pipeline.RegisterAppsAsync(null, first, second);
        Cluster.ResetRequests();

        await pipeline.SyncAsync();

        using var kube = pipeline.Kube();
        var shared = await kube.CoreV1.ReadNamespacedConfigMapAsync("shared", pipeline.Namespace);
        Assert.Equal("first", shared.Data["greeting"]);
        Assert.Equal(first.Name, shared.Metadata.Labels[Ownership.AppLabel]);
        Assert.DoesNotContain("other", Cluster.ListObjectNames("v1", "ConfigMap", pipeline.Namespace));
        var record = (await pipeline.HistoryAsync(second.Name))[0];
        Assert.Equal("Validate", record.FailedStage);
        Assert.Contains($"ConfigMap/{pipeline.Namespace}/shared (from second/config.yaml): it belongs to app '{first.Name}'", record.Message, StringComparison.Ordinal);
        Assert.Contains($"app '{second.Name}' will not take it over", record.Message, StringComparison.Ordinal);
        Assert.Equal(0, Cluster.Requests.Count(r => r.PatchType == "apply"));
    }

    [Fact]
    public async Task NamespaceOutsideAllowedNamespaces_FailsBeforeAnyWrite_NamingObjectAndFile()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "hi"));
        pipeline.Repo.Write("app/stray.yaml", Manifests.ConfigMap("stray", "hi").Replace("metadata:\n  name: stray", "metadata:\n  name: stray\n  namespace: kube-system", StringComparison.Ordinal));
        pipeline.Repo.Write("app/role.yaml", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: too-much
            rules: []
            """);
        pipeline.Repo.Commit("stray objects");
        await pipeline.RegisterAsync(app: app => app with { ClusterScopedKinds = ["Namespace"] });

        await pipeline.SyncAsync();

        var record = (await pipeline.HistoryAsync())[0];
        Assert.Equal("Validate", record.FailedStage);
        Assert.Contains($"ConfigMap/kube-system/stray (from app/stray.yaml): namespace 'kube-system' is not one app '{pipeline.App}' may write to", record.Message, StringComparison.Ordinal);
        Assert.Contains("ClusterRole/too-much (from app/role.yaml): app", record.Message, StringComparison.Ordinal);
        Assert.Equal(2, record.Details.Count);
        Assert.Equal(0, Cluster.CountRequests("patch"));
        Assert.DoesNotContain(pipeline.Namespace, Cluster.ListObjectNames("v1", "Namespace"));
    }

    private async Task<TestPipeline> StartAsync(Func<AppDefinition, AppDefinition>? app = null)
    {
        var pipeline = await TestPipeline.CreateAsync(_fixture);
        pipeline.Repo.Write("app/namespace.yaml", Manifests.Namespace(pipeline.Namespace));
        pipeline.Repo.Write("app/web.yaml", Manifests.Deployment("web", replicas: 2));
        pipeline.Repo.Write("app/config.yaml", Manifests.ConfigMap("settings", "hello"));
        pipeline.Repo.Commit("start");
        await pipeline.RegisterAsync(app: app);
        await pipeline.SyncAsync();
        Assert.Equal(SyncResult.Succeeded, (await pipeline.StatusAsync()).LastResult);
        Cluster.ResetRequests();
        return pipeline;
    }
}
