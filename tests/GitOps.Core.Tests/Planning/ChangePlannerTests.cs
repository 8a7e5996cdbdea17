using GitOps.Core.Messaging;
using GitOps.Core.Planning;
using GitOps.Core.Registry;

namespace GitOps.Core.Tests.Planning;

public sealed class ChangePlannerTests
{
    [Fact]
    public void Plan_NewCommit_OneJobPerAutoAppOfTheSourceAndTargetCluster()
    {
        var source = new SourceDefinition("platform", "https://example.invalid/p.git");
        var registry = new RegistrySnapshot(
            [source, new SourceDefinition("other", "https://example.invalid/o.git")],
            [new ClusterDefinition("a", "a.kubeconfig"), new ClusterDefinition("b", "b.kubeconfig")],
            [
                new AppDefinition { Name = "web", Source = "platform", Path = "web", Clusters = ["a", "b"] },
                new AppDefinition { Name = "api", Source = "platform", Path = "api", Clusters = ["a"], SyncPolicy = SyncPolicy.Manual },
                new AppDefinition { Name = "etl", Source = "other", Path = "etl", Clusters = ["a"] },
            ]);

        var jobs = ChangePlanner.Plan(registry, source, "0123456789abcdef0123");

        Assert.Equal(["web@a", "web@b"], jobs.Select(j => $"{j.App}@{j.Cluster}"));
        Assert.All(jobs, j => Assert.Equal(ReconcileReasons.NewCommit, j.Reason));
        Assert.Equal("web.a.0123456789ab.new-commit", jobs[0].JobId);
        Assert.Equal(jobs[0].JobId, ChangePlanner.Plan(registry, source, "0123456789abcdef0123")[0].JobId);
    }
}
