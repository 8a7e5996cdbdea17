using System.Text.Json.Nodes;
using GitOps.Core.Health;
using GitOps.Core.Kubernetes;
using GitOps.Core.Status;
using GitOps.Rendering;

namespace GitOps.Core.Tests.Health;

public sealed class HealthEvaluatorTests
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Health", "Fixtures");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(FixtureFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Evaluate_Fixture_GivesTheExpectedStatusAndMessage(string fixture)
    {
        var document = ManifestYaml.Parse(File.ReadAllText(Path.Combine(FixtureFolder, fixture)), fixture).Single();
        var live = document["live"]!.AsObject();
        var expected = document["expected"]!.AsObject();

        var health = HealthEvaluator.Evaluate(live);

        Assert.Equal(Enum.Parse<HealthStatus>((string)expected["status"]!), health.Status);
        Assert.Contains((string)expected["message"]!, health.Message, StringComparison.Ordinal);
        Assert.Equal(ObjectRef.From(live), health.Object);
    }

    [Fact]
    public void Evaluate_ObjectHealth_ReadsAsObjectThenMessage()
    {
        var live = JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{"replicas":3},"status":{"replicas":3,"updatedReplicas":3,"availableReplicas":1}}""")!.AsObject();

        Assert.Equal("Deployment/shop/web: 1 of 3 replicas available", HealthEvaluator.Evaluate(live).ToString());
    }

    [Fact]
    public void Rollup_WorstFirst_FailedBeforeMissingBeforeProgressing()
    {
        var progressing = new ObjectHealth(new ObjectRef("apps", "Deployment", "shop", "a"), HealthStatus.InProgress, "0 of 1 replicas available");
        var failed = new ObjectHealth(new ObjectRef("batch", "Job", "shop", "z"), HealthStatus.Failed, "job failed");
        var missing = HealthEvaluator.Missing(new ObjectRef(string.Empty, "ConfigMap", "shop", "gone"));
        var fine = new ObjectHealth(new ObjectRef(string.Empty, "ConfigMap", "shop", "ok"), HealthStatus.Current, "no status to wait for");

        var rollup = HealthRollup.Of([progressing, fine, failed, missing]);

        Assert.Equal(HealthStatus.Failed, rollup.Status);
        Assert.Equal(HealthState.Degraded, rollup.State);
        Assert.Equal(["Job/shop/z: job failed", "ConfigMap/shop/gone: not found on the cluster", "Deployment/shop/a: 0 of 1 replicas available"], rollup.Named);
        Assert.Equal("Job/shop/z: job failed (and 2 more)", rollup.Summary(4));
    }

    [Fact]
    public void Rollup_AllCurrent_IsHealthy()
    {
        var rollup = HealthRollup.Of([new ObjectHealth(new ObjectRef(string.Empty, "ConfigMap", "shop", "ok"), HealthStatus.Current, "no status to wait for")]);

        Assert.Equal(HealthState.Healthy, rollup.State);
        Assert.Empty(rollup.Named);
        Assert.Equal("all 1 object(s) healthy", rollup.Summary(1));
    }

    [Theory]
    [InlineData(HealthStatus.InProgress, HealthState.Progressing)]
    [InlineData(HealthStatus.Terminating, HealthState.Progressing)]
    [InlineData(HealthStatus.NotFound, HealthState.Progressing)]
    [InlineData(HealthStatus.Failed, HealthState.Degraded)]
    public void Rollup_ObjectStatus_MapsToAppHealth(HealthStatus status, HealthState expected)
        => Assert.Equal(expected, HealthRollup.Of([new ObjectHealth(new ObjectRef(string.Empty, "X", null, "x"), status, "m")]).State);
}
