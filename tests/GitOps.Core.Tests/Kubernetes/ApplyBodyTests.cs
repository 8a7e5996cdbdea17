using System.Text.Json.Nodes;
using GitOps.Core.Kubernetes;

namespace GitOps.Core.Tests.Kubernetes;

public sealed class ApplyBodyTests
{
    [Fact]
    public void Write_CharacterOutsideTheBmp_IsWrittenAsItselfNotAsSurrogateEscapes()
    {
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["mood"] = "ship it 🚀", ["accent"] = "café", ["quote"] = "say \"hi\"\n" } } };

        var text = ApplyBody.Write(body);

        Assert.Contains("ship it 🚀", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\uD83D", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("café", text, StringComparison.Ordinal);
        Assert.Contains("say \\\"hi\\\"\\n", text, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(text)));
    }

    [Fact]
    public void Write_TextThatLooksLikeAnEscape_StaysAsWritten()
    {
        var body = new JsonObject { ["data"] = new JsonObject { ["path"] = "C:\\uD83D\\uDE00" } };

        var text = ApplyBody.Write(body);

        Assert.Equal("C:\\uD83D\\uDE00", (string?)JsonNode.Parse(text)!["data"]!["path"]);
    }
}
