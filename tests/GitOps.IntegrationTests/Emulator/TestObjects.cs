using System.Text.Json.Nodes;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Minimal valid objects of the built-in kinds, labelled so selectors can tell them apart.</summary>
internal static class TestObjects
{
    public static V1ObjectMeta Meta(string name, string? ns, string tier) =>
        new() { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = "shop", ["tier"] = tier } };

    public static V1Deployment Deployment(string name, string ns, string tier = "web", string image = "nginx:1.27", int? replicas = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Meta(name, ns, tier),
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = image }] },
            },
        },
    };

    public static V1Service Service(string name, string ns, string tier = "web") => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Meta(name, ns, tier),
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Name = "http", Port = 80 }],
        },
    };

    /// <summary>A deployment as an apply configuration (JSON, which KubernetesClient sends as application/apply-patch+yaml), the way the pipeline sends it.</summary>
    public static string DeploymentApply(string name, string ns, int replicas, string image = "nginx:1.27", IReadOnlyDictionary<string, string>? extraLabels = null, bool sidecar = false)
    {
        var labels = new JsonObject { ["app"] = name };
        foreach (var (key, value) in extraLabels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        var containers = new JsonArray(new JsonObject
        {
            ["name"] = "main",
            ["image"] = image,
            ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080 }),
        });
        if (sidecar)
        {
            containers.Add(new JsonObject { ["name"] = "sidecar", ["image"] = "envoy:1.30" });
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = containers },
                },
            },
        }.ToJsonString();
    }
}
