using GitOps.Core.Messaging;
using GitOps.Core.Planning;
using GitOps.Core.Registry;
using GitOps.Core.Storage;
using GitOps.IntegrationTests.Infrastructure;
using GitOps.Rendering;

namespace GitOps.IntegrationTests.Planning;

/// <summary>
/// Path-aware planning in a monorepo of 200 Kustomize apps built on 10 shared bases (20 apps each),
/// on two clusters: a push reaches exactly the apps whose render inputs it touched.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class MonorepoPlanningTests
{
    private const int Apps = 200;
    private const int Bases = 10;

    private readonly PipelineFixture _fixture;

    public MonorepoPlanningTests(PipelineFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Push_PlansOnlyTheAppsWhoseInputsChanged()
    {
        await using var pipeline = await TestPipeline.CreateAsync(_fixture);
        for (var b = 0; b < Bases; b++)
        {
            pipeline.Repo.Write($"bases/base-{b:D2}/kustomization.yaml", "resources:\n- shared.yaml\n");
            pipeline.Repo.Write($"bases/base-{b:D2}/shared.yaml", Manifests.ConfigMap("shared", $"base {b}"));
        }

        for (var a = 0; a < Apps; a++)
        {
            pipeline.Repo.Write($"apps/{AppName(a)}/kustomization.yaml", $"namePrefix: {AppName(a)}-\nresources:\n- ../../bases/base-{a / (Apps / Bases):D2}\n- config.yaml\n");
            pipeline.Repo.Write($"apps/{AppName(a)}/config.yaml", Manifests.ConfigMap("config", $"app {a}"));
        }

        pipeline.Repo.Write("README.md", "# Platform config\n");
        var first = pipeline.Repo.Commit("200 apps");
        await pipeline.Get<RegistryStore>().ApplyAsync(new RegistrySnapshot(
            [new SourceDefinition("config", pipeline.Repo.Path)],
            [new ClusterDefinition("east", KubeconfigFile: _fixture.Kubeconfig), new ClusterDefinition("west", KubeconfigFile: _fixture.Kubeconfig)],
            Enumerable.Range(0, Apps).Select(a => new AppDefinition { Name = AppName(a), Source = "config", Path = $"apps/{AppName(a)}", Clusters = ["east", "west"] }).ToList()));

        // First look: no history, every app on both clusters.
        Assert.Equal(2 * Apps, (await pipeline.Runtime.CheckSourceAsync("config", default)).JobsEnqueued);
        Assert.Equal(2 * Apps, (await TakeJobsAsync(pipeline)).Count);
        await RecordInputsAsync(pipeline, first);

        pipeline.Repo.Write($"apps/{AppName(7)}/config.yaml", Manifests.ConfigMap("config", "app 7, changed"));
        pipeline.Repo.Commit("one app");
        Assert.Equal(["app-007@east", "app-007@west"], await PlanAsync(pipeline));

        pipeline.Repo.Write("bases/base-03/shared.yaml", Manifests.ConfigMap("shared", "base 3, changed"));
        pipeline.Repo.Commit("one base");
        Assert.Equal(Enumerable.Range(60, 20).SelectMany(a => new[] { $"{AppName(a)}@east", $"{AppName(a)}@west" }).Order(StringComparer.Ordinal), await PlanAsync(pipeline));

        pipeline.Repo.Write("README.md", "# Platform config\n\nHow we deploy.\n");
        pipeline.Repo.Write("docs/runbook.md", "Call someone.\n");
        pipeline.Repo.Commit("docs only");
        Assert.Empty(await PlanAsync(pipeline));

        // A force push to a commit that does not descend from the planned head: the history is unknown, every app is planned.
        pipeline.Repo.Git("reset", "--hard", first);
        pipeline.Repo.Write("docs/runbook.md", "Call someone else.\n");
        pipeline.Repo.Commit("rewritten history");
        Assert.Equal(2 * Apps, (await PlanAsync(pipeline)).Count);
    }

    private static string AppName(int a) => $"app-{a:D3}";

    /// <summary>What the renders of the first revision read, as the render stage records it.</summary>
    private static async Task RecordInputsAsync(TestPipeline pipeline, string revision)
    {
        var renderer = new ManifestRenderer();
        var store = pipeline.Get<RenderInputStore>();
        for (var a = 0; a < Apps; a++)
        {
            var result = renderer.Render(new RenderRequest(pipeline.Repo.Path, $"apps/{AppName(a)}"));
            await store.RecordAsync("config", new RenderInputs(AppName(a), $"apps/{AppName(a)}", revision, result.Inputs), default);
        }
    }

    private static async Task<IReadOnlyList<string>> PlanAsync(TestPipeline pipeline)
    {
        var check = await pipeline.Runtime.CheckSourceAsync("config", default);
        Assert.Null(check.Error);
        var jobs = await TakeJobsAsync(pipeline);
        Assert.Equal(check.JobsEnqueued, jobs.Count);
        return jobs.Select(j => $"{j.App}@{j.Cluster}").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Receives and deletes every job waiting on <c>reconcile-jobs</c>.</summary>
    private static async Task<List<ReconcileJob>> TakeJobsAsync(TestPipeline pipeline)
    {
        var queue = pipeline.Storage.Queue(StorageNames.ReconcileJobsQueue);
        var jobs = new List<ReconcileJob>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32)).Value;
            if (batch.Length == 0)
            {
                return jobs;
            }

            foreach (var message in batch)
            {
                jobs.Add(MessageSerializer.Deserialize<ReconcileJob>(message.Body.ToString()));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
