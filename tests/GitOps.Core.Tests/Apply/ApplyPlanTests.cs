using System.Text.Json.Nodes;
using GitOps.Core.Apply;
using GitOps.Core.Inventory;
using GitOps.Core.Kubernetes;

namespace GitOps.Core.Tests.Apply;

public sealed class ApplyPlanTests
{
    private static readonly ResourceInfo ConfigMaps = new(string.Empty, "v1", "ConfigMap", "configmaps", true);

    [Fact]
    public void Create_HashAndLiveVersionMatchTheInventory_IsNotSent()
    {
        var obj = Desired("a", "1");
        var plan = ApplyPlan.Create([obj], [Recorded(obj, "7")], Live(obj, "7"));

        Assert.Empty(plan.ToSend);
        var entry = Assert.Single(plan.Unchanged);
        Assert.Equal((ChangeAction.Unchanged, "7", "app/a.yaml"), (entry.Action, entry.ResourceVersion, entry.SourceFile));
    }

    [Fact]
    public void Create_DesiredChanged_IsSent()
    {
        var before = Desired("a", "1");
        var after = Desired("a", "2");

        var plan = ApplyPlan.Create([after], [Recorded(before, "7")], Live(after, "7"));

        Assert.Same(after, Assert.Single(plan.ToSend));
    }

    [Fact]
    public void Create_LiveVersionMovedSinceOurApply_IsSent()
    {
        var obj = Desired("a", "1");

        var plan = ApplyPlan.Create([obj], [Recorded(obj, "7")], Live(obj, "8"));

        Assert.Single(plan.ToSend);
    }

    [Fact]
    public void Create_GoneLiveOrNeverRecorded_IsSent()
    {
        var obj = Desired("a", "1");

        Assert.Single(ApplyPlan.Create([obj], [Recorded(obj, "7")], new Dictionary<string, LiveObject>()).ToSend);
        Assert.Single(ApplyPlan.Create([obj], [], Live(obj, "7")).ToSend);
    }

    [Fact]
    public void Create_InventoryEntryNotInTheRevision_IsRemoved()
    {
        var kept = Desired("kept", "1");
        var gone = Desired("gone", "1");

        var plan = ApplyPlan.Create([kept], [Recorded(kept, "1"), Recorded(gone, "2")], Live(kept, "1"));

        Assert.Equal(gone.Ref, Assert.Single(plan.Removed).Object);
    }

    private static DesiredObject Desired(string name, string value)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "shop" },
            ["data"] = new JsonObject { ["v"] = value },
        };
        return new DesiredObject(new ObjectRef(string.Empty, "ConfigMap", "shop", name), ConfigMaps, body, $"app/{name}.yaml");
    }

    private static InventoryEntry Recorded(DesiredObject obj, string resourceVersion) => new(obj.Ref, "v1", resourceVersion, obj.Hash, "rev");

    private static Dictionary<string, LiveObject> Live(DesiredObject obj, string resourceVersion)
        => new() { [obj.Ref.Key] = new LiveObject(obj.Ref, resourceVersion, "app", PruneDisabled: false) };
}
