using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Serialization;

namespace KubeEmulator.Http;

/// <summary>
/// Server-side printing: answers <c>Accept: application/json;as=Table;g=meta.k8s.io;v=v1</c> (what
/// <c>kubectl get</c> asks for) with a meta.k8s.io/v1 Table of Name, the kind's columns and Age.
/// </summary>
internal static class TableRenderer
{
    public static bool Wanted(string accept) => accept.Contains("as=Table", StringComparison.Ordinal);

    /// <summary>Renders a single object or a list (an object with <c>items</c>) as a Table.</summary>
    public static JsonObject Render(ApiResource resource, JsonObject result, DateTimeOffset now)
    {
        var items = result["items"] is JsonArray list ? list.OfType<JsonObject>().ToList() : [result];
        var columns = TableColumns.For(resource.IsCustom ? "" : resource.Kind);
        var definitions = new JsonArray(Column("Name", "string", "name"));
        foreach (var (name, type, _) in columns)
        {
            definitions.Add(Column(name, type, ""));
        }

        definitions.Add(Column("Age", "string", ""));
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray(JsonTree.GetString(item, "metadata", "name"));
            foreach (var (_, _, cell) in columns)
            {
                cells.Add(cell(item));
            }

            cells.Add(TableColumns.HumanAge(JsonTree.GetString(item, "metadata", "creationTimestamp"), now));
            rows.Add(new JsonObject
            {
                ["cells"] = cells,
                ["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]?.DeepClone(),
                },
            });
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = result["items"] is JsonArray && result["metadata"] is JsonObject listMetadata
                ? listMetadata.DeepClone()
                : new JsonObject { ["resourceVersion"] = JsonTree.GetString(result, "metadata", "resourceVersion") ?? "" },
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    private static JsonObject Column(string name, string type, string format) => new()
    {
        ["name"] = name, ["type"] = type, ["format"] = format, ["description"] = name, ["priority"] = 0,
    };
}
