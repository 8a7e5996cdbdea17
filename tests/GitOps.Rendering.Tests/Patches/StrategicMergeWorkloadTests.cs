using GitOps.Rendering.Patches;
using static GitOps.Rendering.Tests.Patches.TestJson;

namespace GitOps.Rendering.Tests.Patches;

/// <summary>Merge keys of the less common workload lists; expectations from kubectl kustomize v5.5.0.</summary>
public sealed class StrategicMergeWorkloadTests
{
    private static System.Text.Json.Nodes.JsonObject StatefulSet(string metadata, string podSpec) => Obj(
        "{'apiVersion':'apps/v1','kind':'StatefulSet','metadata':" + metadata + ",'spec':{'template':{'spec':" + podSpec + "}}}");

    [Fact]
    public void Apply_HostAliases_MergeByIp()
    {
        var result = StrategicMergePatch.Apply(
            StatefulSet("{'name':'db'}", "{'hostAliases':[{'ip':'1.1.1.1','hostnames':['a']}]}"),
            StatefulSet("{'name':'db'}", "{'hostAliases':[{'ip':'2.2.2.2','hostnames':['b']},{'ip':'1.1.1.1','hostnames':['c']}]}"));

        Equal("[{'ip':'2.2.2.2','hostnames':['b']},{'ip':'1.1.1.1','hostnames':['c']}]", result.Object!["spec"]!["template"]!["spec"]!["hostAliases"]);
    }

    [Fact]
    public void Apply_TopologySpreadConstraints_MergeByKeyAndWhenUnsatisfiable()
    {
        var result = StrategicMergePatch.Apply(
            StatefulSet("{'name':'db'}", "{'topologySpreadConstraints':[{'topologyKey':'zone','whenUnsatisfiable':'DoNotSchedule','maxSkew':1}," +
                "{'topologyKey':'host','whenUnsatisfiable':'ScheduleAnyway','maxSkew':1}]}"),
            StatefulSet("{'name':'db'}", "{'topologySpreadConstraints':[{'topologyKey':'zone','whenUnsatisfiable':'ScheduleAnyway','maxSkew':2}," +
                "{'topologyKey':'host','maxSkew':3}]}"));

        Equal(
            "[{'topologyKey':'zone','whenUnsatisfiable':'ScheduleAnyway','maxSkew':2},{'topologyKey':'zone','whenUnsatisfiable':'DoNotSchedule','maxSkew':1}," +
            "{'topologyKey':'host','whenUnsatisfiable':'ScheduleAnyway','maxSkew':1}]",
            result.Object!["spec"]!["template"]!["spec"]!["topologySpreadConstraints"]);
    }

    [Fact]
    public void Apply_InitContainerVolumeDevices_MergeByDevicePath()
    {
        var result = StrategicMergePatch.Apply(
            StatefulSet("{'name':'db'}", "{'initContainers':[{'name':'init','volumeDevices':[{'devicePath':'/dev/a','name':'a'}]}]}"),
            StatefulSet("{'name':'db'}", "{'initContainers':[{'name':'init','volumeDevices':[{'devicePath':'/dev/b','name':'b'}]}]}"));

        Equal("[{'devicePath':'/dev/b','name':'b'},{'devicePath':'/dev/a','name':'a'}]", result.Object!["spec"]!["template"]!["spec"]!["initContainers"]![0]!["volumeDevices"]);
    }

    [Fact]
    public void Apply_OwnerReferences_MergeByUid()
    {
        var result = StrategicMergePatch.Apply(
            StatefulSet("{'name':'db','ownerReferences':[{'uid':'u1','name':'o1'}]}", "{}"),
            StatefulSet("{'name':'db','ownerReferences':[{'uid':'u2','name':'o2'},{'uid':'u1','name':'renamed'}]}", "{}"));

        Equal("[{'uid':'u2','name':'o2'},{'uid':'u1','name':'renamed'}]", result.Object!["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public void Apply_EnvFromAndVolumeClaimTemplates_AreReplaced()
    {
        var target = Obj("{'apiVersion':'apps/v1','kind':'StatefulSet','spec':{'volumeClaimTemplates':[{'metadata':{'name':'data'}}]," +
            "'template':{'spec':{'containers':[{'name':'db','envFrom':[{'configMapRef':{'name':'a'}}]}]}}}}");
        var patch = Obj("{'apiVersion':'apps/v1','kind':'StatefulSet','spec':{'volumeClaimTemplates':[{'metadata':{'name':'other'}}]," +
            "'template':{'spec':{'containers':[{'name':'db','envFrom':[{'secretRef':{'name':'b'}}]}]}}}}");

        var result = StrategicMergePatch.Apply(target, patch);

        Equal("[{'metadata':{'name':'other'}}]", result.Object!["spec"]!["volumeClaimTemplates"]);
        Equal("[{'secretRef':{'name':'b'}}]", result.Object["spec"]!["template"]!["spec"]!["containers"]![0]!["envFrom"]);
    }

    [Fact]
    public void Apply_PodAndServiceAccount_UseTheirSchemas()
    {
        var pod = StrategicMergePatch.Apply(
            Obj("{'apiVersion':'v1','kind':'Pod','spec':{'containers':[{'name':'c'}]}}"),
            Obj("{'apiVersion':'v1','kind':'Pod','spec':{'containers':[{'name':'d'}]}}"));
        var sa = StrategicMergePatch.Apply(
            Obj("{'apiVersion':'v1','kind':'ServiceAccount','secrets':[{'name':'s1'}],'imagePullSecrets':[{'name':'p1'}]}"),
            Obj("{'apiVersion':'v1','kind':'ServiceAccount','secrets':[{'name':'s2'}],'imagePullSecrets':[{'name':'p2'}]}"));

        Assert.Equal(["d", "c"], Names(pod.Object!["spec"]!["containers"]));
        Assert.Equal(["s2", "s1"], Names(sa.Object!["secrets"]));
        Assert.Equal(["p2"], Names(sa.Object["imagePullSecrets"]));
    }
}
