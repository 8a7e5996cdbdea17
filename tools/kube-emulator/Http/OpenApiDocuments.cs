using System.Text.Json.Nodes;
using KubeEmulator.Api;

namespace KubeEmulator.Http;

/// <summary>
/// A minimal OpenAPI v3 surface: the root index and, per group-version, the PATCH operations with
/// their <c>x-kubernetes-group-version-kind</c> and <c>fieldValidation</c> parameter. That is what
/// kubectl reads to decide that the server validates fields itself (so it needs no client-side schema).
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Root(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        foreach (var groupVersion in catalog.All().Select(r => (r.Group, r.Version)).Distinct())
        {
            var key = groupVersion.Group.Length == 0 ? $"api/{groupVersion.Version}" : $"apis/{groupVersion.Group}/{groupVersion.Version}";
            var hash = Hash(catalog, groupVersion.Group, groupVersion.Version);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(ResourceCatalog catalog, string group, string version)
    {
        var resources = catalog.ForGroupVersion(group, version);
        if (resources.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var resource in resources)
        {
            var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            var path = resource.Namespaced
                ? $"{prefix}/namespaces/{{namespace}}/{resource.Plural}/{{name}}"
                : $"{prefix}/{resource.Plural}/{{name}}";
            paths[path] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{resource.Kind}",
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = resource.Kind },
                    ["parameters"] = new JsonArray(
                        Parameter("dryRun"), Parameter("fieldManager"), Parameter("fieldValidation"), Parameter("force")),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject Parameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string", ["uniqueItems"] = true },
    };

    private static string Hash(ResourceCatalog catalog, string group, string version)
    {
        var text = string.Join(",", catalog.ForGroupVersion(group, version).Select(r => r.Plural + r.Kind));
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return Convert.ToHexString(bytes)[..32];
    }
}
