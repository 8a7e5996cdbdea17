using GitOps.Rendering.Patches;
using static GitOps.Rendering.Tests.Patches.TestJson;

namespace GitOps.Rendering.Tests.Patches;

public sealed class StrategicMergePatchTests
{
    [Fact]
    public void Apply_NestedMaps_MergesRecursively()
    {
        var target = Obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','labels':{'a':'1'}},'data':{'x':'1'}}");
        var patch = Obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','labels':{'b':'2'}},'data':{'x':'9','y':'2'}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Assert.False(result.Deleted);
        Equal("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','labels':{'a':'1','b':'2'}},'data':{'x':'9','y':'2'}}", result.Object);
    }

    [Fact]
    public void Apply_Always_LeavesTargetAndPatchUnchanged()
    {
        var target = Obj("{'kind':'ConfigMap','data':{'x':'1'}}");
        var patch = Obj("{'data':{'x':null,'y':'2'}}");

        StrategicMergePatch.Apply(target, patch);

        Equal("{'kind':'ConfigMap','data':{'x':'1'}}", target);
        Equal("{'data':{'x':null,'y':'2'}}", patch);
    }

    [Fact]
    public void Apply_NullValue_DeletesKeyAndKeepsEmptyMap()
    {
        var target = Obj("{'kind':'X','spec':{'limits':{'cpu':'1'},'keep':1}}");
        var patch = Obj("{'spec':{'limits':{'cpu':null},'keep':null,'absent':null}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("{'kind':'X','spec':{'limits':{}}}", result.Object);
    }

    [Fact]
    public void Apply_NewSubtree_DropsNullsAndDirectives()
    {
        var target = Obj("{'kind':'X','spec':{}}");
        var patch = Obj("{'spec':{'new':{'x':null,'y':1,'gone':{'$patch':'delete'}}}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("{'kind':'X','spec':{'new':{'y':1}}}", result.Object);
    }

    [Fact]
    public void Apply_PatchReplaceOnMap_ReplacesTheMap()
    {
        var target = Obj("{'kind':'X','metadata':{'labels':{'a':'1','b':'2'}}}");
        var patch = Obj("{'metadata':{'labels':{'$patch':'replace','c':'3'}}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("{'kind':'X','metadata':{'labels':{'c':'3'}}}", result.Object);
    }

    [Fact]
    public void Apply_PatchDeleteOnMap_RemovesTheMap()
    {
        var target = Obj("{'kind':'X','spec':{'template':{'a':1},'replicas':1}}");
        var patch = Obj("{'spec':{'template':{'$patch':'delete'}}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("{'kind':'X','spec':{'replicas':1}}", result.Object);
    }

    [Fact]
    public void Apply_PatchDeleteAtTopLevel_ReportsDeleted()
    {
        var target = Obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'}}");
        var patch = Obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'$patch':'delete'}");

        var result = StrategicMergePatch.Apply(target, patch);

        Assert.True(result.Deleted);
        Assert.Null(result.Object);
    }

    [Fact]
    public void Apply_UnknownDirective_ThrowsNamingPath()
    {
        var target = Obj("{'kind':'X','spec':{}}");
        var patch = Obj("{'spec':{'$patch':'merge-it'}}");

        var ex = Assert.Throws<StrategicMergeException>(() => StrategicMergePatch.Apply(target, patch));

        Assert.Contains(".spec", ex.Message);
        Assert.Contains("merge-it", ex.Message);
    }

    [Fact]
    public void Apply_ListOverMap_ThrowsNamingPath()
    {
        var target = Obj("{'kind':'X','spec':{'items':{'a':1}}}");
        var patch = Obj("{'spec':{'items':[1]}}");

        var ex = Assert.Throws<StrategicMergeException>(() => StrategicMergePatch.Apply(target, patch));

        Assert.StartsWith(".spec.items:", ex.Message);
    }

    [Fact]
    public void Apply_SetElementOrderAndRetainKeys_CopiedVerbatimAsKustomizeDoes()
    {
        var target = Deployment("{'containers':[{'name':'a'}]}");
        var patch = Deployment("{'$setElementOrder/containers':[{'name':'a'}],'$retainKeys':['containers']}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("[{'name':'a'}]", PodSpec(result.Object!)!["$setElementOrder/containers"]);
        Equal("['containers']", PodSpec(result.Object!)!["$retainKeys"]);
    }

    [Fact]
    public void Apply_ScalarOverScalar_Replaces()
    {
        var target = Obj("{'kind':'X','spec':{'replicas':1,'paused':false}}");
        var patch = Obj("{'spec':{'replicas':3,'paused':true}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("{'kind':'X','spec':{'replicas':3,'paused':true}}", result.Object);
    }

    [Fact]
    public void Apply_PatchReplaceAtTopLevel_LeavesTargetUnchangedAsKustomizeDoes()
    {
        var target = Obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':1,'paused':true}}");
        var patch = Obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'$patch':'replace','spec':{'replicas':9}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':1,'paused':true}}", result.Object);
    }
}
