using GitOps.Rendering.Patches;
using static GitOps.Rendering.Tests.Patches.TestJson;

namespace GitOps.Rendering.Tests.Patches;

/// <summary>Name, kind and namespace handling of kustomize patch entries (verified with kubectl kustomize v5.5.0).</summary>
public sealed class StrategicMergeOptionsTests
{
    private static readonly System.Text.Json.Nodes.JsonObject Target = Obj(
        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':1}}");

    private static readonly System.Text.Json.Nodes.JsonObject Renaming = Obj(
        "{'apiVersion':'apps/v1','kind':'StatefulSet','metadata':{'name':'renamed','namespace':'other'},'spec':{'replicas':3}}");

    [Fact]
    public void Apply_DefaultOptions_KeepsNameKindAndNamespaceSilently()
    {
        var result = StrategicMergePatch.Apply(Target, Renaming, new PatchOptions());

        Equal("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':3}}", result.Object);
    }

    [Fact]
    public void Apply_AllowNameChange_RenamesButKeepsKindAndNamespace()
    {
        var result = StrategicMergePatch.Apply(Target, Renaming, new PatchOptions { AllowNameChange = true });

        Equal("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'renamed'},'spec':{'replicas':3}}", result.Object);
    }

    [Fact]
    public void Apply_AllowKindChange_ChangesKind()
    {
        var result = StrategicMergePatch.Apply(Target, Renaming, new PatchOptions { AllowNameChange = true, AllowKindChange = true });

        Equal("{'apiVersion':'apps/v1','kind':'StatefulSet','metadata':{'name':'renamed'},'spec':{'replicas':3}}", result.Object);
    }

    [Fact]
    public void Apply_DeletePatchWithOptions_ReportsDeleted()
    {
        var result = StrategicMergePatch.Apply(Target, Obj("{'$patch':'delete'}"), new PatchOptions());

        Assert.True(result.Deleted);
    }
}
