using System.Text.Json.Nodes;

namespace GitOps.Rendering.Tests.Patches;

/// <summary>Compact JSON for tests: single quotes stand for double quotes.</summary>
internal static class TestJson
{
    public static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json.Replace('\'', '"'))!;

    public static JsonArray Arr(string json) => (JsonArray)JsonNode.Parse(json.Replace('\'', '"'))!;

    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson.Replace('\'', '"'));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\nactual   {actual?.ToJsonString()}");
    }

    public static string[] Names(JsonNode? list, string key = "name")
        => ((JsonArray)list!).Select(e => e![key]!.ToString()).ToArray();

    public static JsonObject Deployment(string podSpecJson) => Obj(
        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':{'spec':" + podSpecJson + "}}}");

    public static JsonNode? PodSpec(JsonObject deployment) => deployment["spec"]!["template"]!["spec"];
}
