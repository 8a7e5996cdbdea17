using k8s;
using k8s.Models;
using KubeEmulator;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Watches through KubernetesClient's watcher: existing objects, then changes as they happen.</summary>
public sealed class WatchTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task Watch_ConfigMapChanges_StreamsAddedModifiedDeleted()
    {
        var ns = await emulator.CreateNamespaceAsync("watch");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, timeoutSeconds: 60, cancellationToken: deadline.Token)
            .GetAsyncEnumerator(deadline.Token);

        Assert.True(await events.MoveNextAsync());
        var added = events.Current;
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":"2"}}""", V1Patch.PatchType.MergePatch), "cfg", ns, cancellationToken: deadline.Token);
        Assert.True(await events.MoveNextAsync());
        var modified = events.Current;
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("cfg", ns, cancellationToken: deadline.Token);
        Assert.True(await events.MoveNextAsync());
        var deleted = events.Current;

        Assert.Equal((WatchEventType.Added, "1"), (added.Item1, added.Item2.Data["a"]));
        Assert.Equal((WatchEventType.Modified, "2"), (modified.Item1, modified.Item2.Data["a"]));
        Assert.Equal(WatchEventType.Deleted, deleted.Item1);
        Assert.True(long.Parse(deleted.Item2.Metadata.ResourceVersion) > long.Parse(modified.Item2.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Watch_FromResourceVersionWithLabelSelector_ReplaysOnlyLaterMatchingChanges()
    {
        var ns = await emulator.CreateNamespaceAsync("watch");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = TestObjects.Meta("skip", ns, "db") }, ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = TestObjects.Meta("keep", ns, "web") }, ns);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await using var events = Client.CoreV1.WatchListNamespacedConfigMapAsync(
                ns, resourceVersion: list.Metadata.ResourceVersion, labelSelector: "tier=web", timeoutSeconds: 60, cancellationToken: deadline.Token)
            .GetAsyncEnumerator(deadline.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(WatchEventType.Added, events.Current.Item1);
        Assert.Equal("keep", events.Current.Item2.Metadata.Name);
    }

    [Fact]
    public async Task Watch_StuckRolloutReleased_StreamsTheAvailableStatus()
    {
        var ns = await emulator.CreateNamespaceAsync("watch");
        emulator.Server.Control.SetRollout(ns, "web", RolloutMode.Stuck);
        await Client.AppsV1.CreateNamespacedDeploymentAsync(TestObjects.Deployment("web", ns), ns);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = Client.AppsV1.WatchListNamespacedDeploymentAsync(ns, timeoutSeconds: 60, cancellationToken: deadline.Token)
            .GetAsyncEnumerator(deadline.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Null(events.Current.Item2.Status.AvailableReplicas);

        emulator.Server.Control.SetRollout(ns, "web", RolloutMode.Immediate);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(WatchEventType.Modified, events.Current.Item1);
        Assert.Equal(1, events.Current.Item2.Status.AvailableReplicas);
    }
}
