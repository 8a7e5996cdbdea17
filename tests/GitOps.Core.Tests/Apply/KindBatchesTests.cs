using System.Text.Json.Nodes;
using GitOps.Core.Apply;
using GitOps.Core.Kubernetes;

namespace GitOps.Core.Tests.Apply;

public sealed class KindBatchesTests
{
    [Fact]
    public async Task RunAsync_KindsInOrder_ObjectsOfAKindTogether_ResultsInInputOrder()
    {
        var objects = new[] { Obj("Namespace", "a"), Obj("ConfigMap", "b"), Obj("ConfigMap", "c"), Obj("Deployment", "d") };
        var started = new List<string>();
        var results = new List<string>();

        await KindBatches.RunAsync(objects, 4, async (obj, ct) =>
        {
            lock (started)
            {
                started.Add(obj.Ref.Kind);
            }

            await Task.Yield();
            return obj.Ref.Name;
        }, results.Add, CancellationToken.None);

        Assert.Equal(["a", "b", "c", "d"], results);
        Assert.Equal(["Namespace", "ConfigMap", "ConfigMap", "Deployment"], started);
    }

    [Fact]
    public async Task RunAsync_AnObjectFails_ReportsWhatCompletedAndRunsNoLaterKind()
    {
        var objects = new[] { Obj("ConfigMap", "a"), Obj("ConfigMap", "b"), Obj("Deployment", "c") };
        var results = new List<string>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => KindBatches.RunAsync<string>(objects, 1, (obj, ct) =>
            obj.Ref.Name == "b" ? throw new InvalidOperationException("b failed") : Task.FromResult(obj.Ref.Name), results.Add, CancellationToken.None));

        Assert.Equal(["a"], results);
    }

    private static DesiredObject Obj(string kind, string name)
        => new(new ObjectRef(string.Empty, kind, "ns", name), new ResourceInfo(string.Empty, "v1", kind, kind.ToLowerInvariant() + "s", true), new JsonObject(), $"{name}.yaml");
}
