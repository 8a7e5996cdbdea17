using System.Text.Json.Nodes;
using GitOps.Rendering.Patches;
using static GitOps.Rendering.Tests.Patches.TestJson;

namespace GitOps.Rendering.Tests.Patches;

/// <summary>List merging; expected orders were taken from kubectl kustomize v5.5.0 on the same input.</summary>
public sealed class StrategicMergeListTests
{
    private static JsonNode MergePodSpecs(string targetPodSpec, string patchPodSpec)
        => PodSpec(StrategicMergePatch.Apply(Deployment(targetPodSpec), Deployment(patchPodSpec)).Object!)!;

    [Fact]
    public void Apply_ContainersByName_PatchElementsFirstThenTargetOnes()
    {
        var spec = MergePodSpecs(
            "{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:1'}]}",
            "{'containers':[{'name':'b','image':'b:2'},{'name':'c'},{'name':'d'},{'name':'a','args':['z']}]}");

        Assert.Equal(["b", "c", "d", "a"], Names(spec["containers"]));
        Equal("{'name':'a','image':'a:1','args':['z']}", spec["containers"]![3]);
        Equal("{'name':'b','image':'b:2'}", spec["containers"]![0]);
    }

    [Fact]
    public void Apply_NewContainerOnly_PrependedBeforeExisting()
    {
        var spec = MergePodSpecs("{'containers':[{'name':'a'},{'name':'b'}]}", "{'containers':[{'name':'sidecar','image':'s'}]}");

        Assert.Equal(["sidecar", "a", "b"], Names(spec["containers"]));
    }

    [Fact]
    public void Apply_EnvByName_MergesValuesAndKeepsPatchOrder()
    {
        var spec = MergePodSpecs(
            "{'containers':[{'name':'a','env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}",
            "{'containers':[{'name':'a','env':[{'name':'C','value':'3'},{'name':'A','value':'9'}]}]}");

        Equal("[{'name':'C','value':'3'},{'name':'A','value':'9'},{'name':'B','value':'2'}]", spec["containers"]![0]!["env"]);
    }

    [Fact]
    public void Apply_VolumeMountsByMountPath_NotByName()
    {
        var spec = MergePodSpecs(
            "{'containers':[{'name':'a','volumeMounts':[{'name':'v1','mountPath':'/v1'},{'name':'v1','mountPath':'/v2'}]}]}",
            "{'containers':[{'name':'a','volumeMounts':[{'name':'v3','mountPath':'/v3'},{'name':'v9','mountPath':'/v1'}]}]}");

        Equal(
            "[{'name':'v3','mountPath':'/v3'},{'name':'v9','mountPath':'/v1'},{'name':'v1','mountPath':'/v2'}]",
            spec["containers"]![0]!["volumeMounts"]);
    }

    [Fact]
    public void Apply_VolumesAndImagePullSecretsByName_Merge()
    {
        var spec = MergePodSpecs(
            "{'volumes':[{'name':'v1','emptyDir':{}}],'imagePullSecrets':[{'name':'r1'}]}",
            "{'volumes':[{'name':'v2','configMap':{'name':'c'}}],'imagePullSecrets':[{'name':'r2'}]}");

        Assert.Equal(["v2", "v1"], Names(spec["volumes"]));
        Assert.Equal(["r2", "r1"], Names(spec["imagePullSecrets"]));
    }

    [Fact]
    public void Apply_ContainerPortsWithoutProtocolOnPatch_MergeByContainerPort()
    {
        var spec = MergePodSpecs(
            "{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'},{'containerPort':81,'protocol':'UDP'}]}]}",
            "{'containers':[{'name':'a','ports':[{'containerPort':82},{'containerPort':80,'name':'web'}]}]}");

        Equal(
            "[{'containerPort':82},{'containerPort':80,'name':'web'},{'containerPort':81,'protocol':'UDP'}]",
            spec["containers"]![0]!["ports"]);
    }

    [Fact]
    public void Apply_ServicePortsWithProtocol_MergeByPortAndProtocolInTargetOrder()
    {
        var target = Obj("{'apiVersion':'v1','kind':'Service','metadata':{'name':'dns'},'spec':{'ports':[" +
            "{'port':53,'protocol':'TCP','name':'tcp'},{'port':53,'protocol':'UDP','name':'udp'},{'port':80,'name':'http'}]}}");
        var patch = Obj("{'apiVersion':'v1','kind':'Service','metadata':{'name':'dns'},'spec':{'ports':[" +
            "{'port':53,'protocol':'UDP','targetPort':5353},{'port':80,'targetPort':8080}]}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal(
            "[{'port':53,'protocol':'TCP','name':'tcp'},{'port':53,'protocol':'UDP','name':'udp','targetPort':5353},{'port':80,'name':'http','targetPort':8080}]",
            result.Object!["spec"]!["ports"]);
    }

    [Fact]
    public void Apply_ServicePortsNewWithProtocol_NewOnesFirstThenTargetOrder()
    {
        var target = Obj("{'apiVersion':'v1','kind':'Service','spec':{'ports':[{'port':80,'protocol':'TCP'},{'port':81,'protocol':'UDP'}]}}");
        var patch = Obj("{'apiVersion':'v1','kind':'Service','spec':{'ports':[{'port':82,'protocol':'UDP'},{'port':81,'protocol':'TCP','name':'x'}]}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal(
            "[{'port':82,'protocol':'UDP'},{'port':81,'protocol':'TCP','name':'x'},{'port':80,'protocol':'TCP'},{'port':81,'protocol':'UDP'}]",
            result.Object!["spec"]!["ports"]);
    }

    [Fact]
    public void Apply_PortWithoutProtocolAgainstPortsWithProtocol_IsDroppedAsKustomizeDoes()
    {
        var target = Obj("{'apiVersion':'v1','kind':'Service','spec':{'ports':[{'port':80,'protocol':'TCP'},{'port':81,'protocol':'TCP'}]}}");
        var patch = Obj("{'apiVersion':'v1','kind':'Service','spec':{'ports':[{'port':82},{'port':81,'name':'x'}]}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("[{'port':82},{'port':80,'protocol':'TCP'},{'port':81,'protocol':'TCP'}]", result.Object!["spec"]!["ports"]);
    }

    [Fact]
    public void Apply_ElementPatchDelete_RemovesContainerAndEnv()
    {
        var spec = MergePodSpecs(
            "{'containers':[{'name':'a','env':[{'name':'A'},{'name':'B'}]},{'name':'b'}]}",
            "{'containers':[{'name':'b','$patch':'delete'},{'name':'a','env':[{'name':'A','$patch':'delete'},{'name':'Z'}]}]}");

        Equal("[{'name':'a','env':[{'name':'Z'},{'name':'B'}]}]", spec["containers"]);
    }

    [Fact]
    public void Apply_ElementPatchReplace_KeepsExistingElementAndAddsNewOne()
    {
        var spec = MergePodSpecs(
            "{'containers':[{'name':'a'},{'name':'b','image':'b:1'}]}",
            "{'containers':[{'name':'zz','$patch':'replace','image':'zz'},{'name':'b','$patch':'replace','image':'other'}]}");

        Equal("[{'name':'zz','image':'zz'},{'name':'b','image':'b:1'},{'name':'a'}]", spec["containers"]);
    }

    [Fact]
    public void Apply_ListPatchReplace_ReplacesWholeList()
    {
        var spec = MergePodSpecs("{'containers':[{'name':'a'},{'name':'b'}]}", "{'containers':[{'$patch':'replace'},{'name':'n','image':'n'}]}");

        Equal("[{'name':'n','image':'n'}]", spec["containers"]);
    }

    [Fact]
    public void Apply_ListPatchDelete_RemovesWholeList()
    {
        var spec = MergePodSpecs("{'volumes':[{'name':'v1'}],'containers':[]}", "{'volumes':[{'$patch':'delete'}]}");

        Assert.False(((JsonObject)spec).ContainsKey("volumes"));
    }

    [Fact]
    public void Apply_ListsWithoutMergeKey_AreReplaced()
    {
        var spec = MergePodSpecs(
            "{'tolerations':[{'key':'k1'}],'containers':[{'name':'a','args':['x','y']}]}",
            "{'tolerations':[{'key':'k2'}],'containers':[{'name':'a','args':['z']}]}");

        Equal("[{'key':'k2'}]", spec["tolerations"]);
        Equal("['z']", spec["containers"]![0]!["args"]);
    }

    [Fact]
    public void Apply_EmptyPatchListOnMergedList_LeavesListAndEmptyReplacedListClears()
    {
        var spec = MergePodSpecs("{'containers':[{'name':'a','env':[{'name':'A'}],'args':['x']}]}", "{'containers':[{'name':'a','env':[],'args':[]}]}");

        Equal("{'name':'a','env':[{'name':'A'}],'args':[]}", spec["containers"]![0]);
    }

    [Fact]
    public void Apply_NewContainer_DropsNullFields()
    {
        var spec = MergePodSpecs("{'containers':[{'name':'a'}]}", "{'containers':[{'name':'new','image':null,'env':[{'name':'X','value':null}]}]}");

        Equal("[{'name':'new','env':[{'name':'X'}]},{'name':'a'}]", spec["containers"]);
    }

    [Fact]
    public void Apply_Finalizers_MergeAsSetPatchFirst()
    {
        var target = Obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','finalizers':['a','b']}}");
        var patch = Obj("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','finalizers':['c','a']}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("['c','a','b']", result.Object!["metadata"]!["finalizers"]);
    }

    [Fact]
    public void Apply_CustomResource_ReplacesListsEvenWithNameKeys()
    {
        var target = Obj("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w','finalizers':['a']},'spec':{'items':[{'name':'a','v':1}]}}");
        var patch = Obj("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w','finalizers':['b']},'spec':{'items':[{'name':'c'},{'name':'a','$patch':'delete'}]}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("['b']", result.Object!["metadata"]!["finalizers"]);
        Equal("[{'name':'c'},{'name':'a','$patch':'delete'}]", result.Object["spec"]!["items"]);
    }

    [Fact]
    public void Apply_CronJobContainers_MergeByName()
    {
        var target = Obj("{'apiVersion':'batch/v1','kind':'CronJob','spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'a:1'}]}}}}}}");
        var patch = Obj("{'apiVersion':'batch/v1','kind':'CronJob','spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'a:2'}]}}}}}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("[{'name':'a','image':'a:2'}]", result.Object!["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public void Apply_ListReplaceWithElementDirectives_DropsElementsCarryingTheSameDirective()
    {
        var spec = MergePodSpecs(
            "{'containers':[{'name':'b','image':'b:2'},{'name':'c'}]}",
            "{'containers':[{'$patch':'replace'},{'name':'d','$patch':'replace','image':'rep'},{'name':'b','env':[{'name':'B','$patch':'delete'},{'name':'A','value':'1'}]}]}");

        Equal("[{'name':'b','env':[{'name':'A','value':'1'}]}]", spec["containers"]);
    }

    [Fact]
    public void Apply_ElementWithoutMergeKey_DeletesTheKeyedTargetElementsAsKustomizeDoes()
    {
        var spec = MergePodSpecs("{'containers':[{'name':'a'},{'name':'b'}]}", "{'containers':[{'image':'foo'},{'name':'x'}]}");

        Equal("[{'name':'x'}]", spec["containers"]);
    }

    [Fact]
    public void Apply_NewListWithDirectiveElement_KeepsOnlyTheDirectiveAsKustomizeDoes()
    {
        var spec = MergePodSpecs("{'containers':[{'name':'a'}]}", "{'initContainers':[{'$patch':'replace'},{'name':'x'}]}");

        Equal("[{'$patch':'replace'}]", spec["initContainers"]);
    }

    [Fact]
    public void Apply_NewListElementDirectives_AppliedWithinTheNewList()
    {
        var spec = MergePodSpecs(
            "{'containers':[{'name':'a'}]}",
            "{'initContainers':[{'name':'x','$patch':'replace','image':'i'},{'name':'y','$patch':'delete'},{'name':'z'}]}");

        Equal("[{'name':'x','image':'i'},{'name':'z'}]", spec["initContainers"]);
    }

    [Fact]
    public void Apply_FirstDirectiveElementHasOtherKeys_ListDirectiveIgnored()
    {
        var spec = MergePodSpecs("{'containers':[{'name':'a'},{'name':'b'}]}", "{'containers':[{'name':'b','$patch':'delete'},{'name':'c'}]}");

        Equal("[{'name':'c'},{'name':'a'}]", spec["containers"]);
    }

    [Fact]
    public void Apply_NewListEndingInDirectiveElement_KeepsOnlyThatElementAsKustomizeDoes()
    {
        var spec = MergePodSpecs("{'nodeSelector':{'a':'x'}}", "{'containers':[{'name':'b','image':'b:1'},{'$patch':'replace'}]}");

        Equal("[{'$patch':'replace'}]", spec["containers"]);
    }
}
