using System.Text.Json.Nodes;
using KubeEmulator.Api;

namespace KubeEmulator.Http;

/// <summary>The legacy discovery documents, in the shapes the real API server answers.</summary>
internal static class DiscoveryDocuments
{
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceCatalog catalog)
    {
        var groups = new JsonArray();
        foreach (var (group, versions) in catalog.Groups())
        {
            groups.Add(Group(group, versions));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject? GroupDocument(ResourceCatalog catalog, string group)
    {
        var match = catalog.Groups().FirstOrDefault(g => g.Group == group);
        if (match.Group is null)
        {
            return null;
        }

        var document = Group(match.Group, match.Versions);
        document["kind"] = "APIGroup";
        document["apiVersion"] = "v1";
        return document;
    }

    public static JsonObject? ResourceList(ResourceCatalog catalog, string group, string version)
    {
        var resources = catalog.ForGroupVersion(group, version);
        if (resources.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var resource in resources.OrderBy(r => r.Plural, StringComparer.Ordinal))
        {
            var entry = new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Singular,
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = new JsonArray([.. ApiResource.AllVerbs.Select(v => (JsonNode?)JsonValue.Create(v))]),
            };
            if (resource.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray([.. resource.ShortNames.Select(s => (JsonNode?)JsonValue.Create(s))]);
            }

            if (resource.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "Service" or "Pod" or "Job" or "CronJob" || resource.IsCustom)
            {
                entry["categories"] = new JsonArray("all");
            }

            list.Add(entry);
            if (resource.HasStatus)
            {
                list.Add(new JsonObject
                {
                    ["name"] = resource.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = resource.Namespaced,
                    ["kind"] = resource.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }

            if (resource.HasScale)
            {
                list.Add(new JsonObject
                {
                    ["name"] = resource.Plural + "/scale",
                    ["singularName"] = "",
                    ["namespaced"] = resource.Namespaced,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }

    public static JsonObject Version(string gitVersion)
    {
        var parts = gitVersion.TrimStart('v').Split('.');
        return new JsonObject
        {
            ["major"] = parts.ElementAtOrDefault(0) ?? "1",
            ["minor"] = parts.ElementAtOrDefault(1) ?? "32",
            ["gitVersion"] = gitVersion,
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2026-01-01T00:00:00Z",
            ["goVersion"] = "go1.23.0",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    private static JsonObject Group(string group, IReadOnlyList<string> versions)
    {
        var versionArray = new JsonArray();
        foreach (var version in versions)
        {
            versionArray.Add(new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version });
        }

        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = versionArray,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }
}
