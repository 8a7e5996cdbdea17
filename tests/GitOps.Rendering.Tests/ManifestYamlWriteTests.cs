using System.Text.Json.Nodes;
using GitOps.Rendering;

namespace GitOps.Rendering.Tests;

public sealed class ManifestYamlWriteTests
{
    [Fact]
    public void Write_Objects_SortsKeysAsKustomizeDoesAndSeparatesDocuments()
    {
        var a = (JsonObject)JsonNode.Parse("""{"kind":"ConfigMap","metadata":{"name":"a"},"apiVersion":"v1","data":{"a10":"x","a2":"y","B":"z","_u":"w"}}""")!;
        var b = (JsonObject)JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"b"}}""")!;

        var yaml = ManifestYaml.Write([a, b]);

        Assert.Equal(
            "apiVersion: v1\ndata:\n  _u: w\n  B: z\n  a2: \"y\"\n  a10: x\nkind: ConfigMap\nmetadata:\n  name: a\n---\n"
            + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n",
            yaml);
    }

    [Fact]
    public void Write_Sequences_AreNotIndentedUnderTheirKey()
    {
        var obj = (JsonObject)JsonNode.Parse("""{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]}],"empty":[],"none":{}}}""")!;

        Assert.Equal(
            "spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n  empty: []\n  none: {}\n",
            ManifestYaml.Write([obj]));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("123", "\"123\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("", "\"\"")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("#x", "'#x'")]
    [InlineData("*star", "'*star'")]
    [InlineData(" lead", "' lead'")]
    [InlineData("it's", "it's")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("2024-01-15", "\"2024-01-15\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("ü", "ü")]
    public void Write_String_QuotesOnlyWhereNeeded(string value, string expected)
    {
        var obj = new JsonObject { ["v"] = value };

        Assert.Equal($"v: {expected}\n", ManifestYaml.Write([obj]));
    }

    [Fact]
    public void Write_MultiLineString_UsesLiteralBlock()
    {
        var obj = new JsonObject { ["script"] = "echo a\necho b\n", ["strip"] = "x\ny", ["keep"] = "x\n\n" };

        Assert.Equal("keep: |+\n  x\n\nscript: |\n  echo a\n  echo b\nstrip: |-\n  x\n  y\n", ManifestYaml.Write([obj]));
    }

    [Fact]
    public void Write_LongString_FoldsAfterEightyColumns()
    {
        var words = string.Join(' ', Enumerable.Repeat("abcdefghij", 12));
        var obj = new JsonObject { ["text"] = words };

        var yaml = ManifestYaml.Write([obj]);

        Assert.Equal("text: " + string.Join(' ', Enumerable.Repeat("abcdefghij", 7)) + "\n  " + string.Join(' ', Enumerable.Repeat("abcdefghij", 5)) + "\n", yaml);
        Assert.Equal(words, ManifestYaml.Parse("apiVersion: v1\nkind: X\n" + yaml, "x.yaml").Single()["text"]!.GetValue<string>());
    }

    [Fact]
    public void Write_Numbers_UseGoFormatting()
    {
        var obj = new JsonObject { ["a"] = 1.0, ["b"] = 123456789.5, ["c"] = 0.00001, ["d"] = 1e21, ["e"] = 42L, ["f"] = 0.1 };

        Assert.Equal("a: 1\nb: 1.234567895e+08\nc: 1e-05\nd: 1e+21\ne: 42\nf: 0.1\n", ManifestYaml.Write([obj]));
    }

    [Fact]
    public void Write_ThenParse_RoundTripsValues()
    {
        var original = (JsonObject)JsonNode.Parse("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},
             "data":{"yes":"yes","num":"08","multi":"a\n b\n","quote":"'\"","sp":"a  b  ","emoji":"🚀","ctl":"\u0001"}}
            """)!;

        var parsed = ManifestYaml.Parse(ManifestYaml.Write([original]), "x.yaml").Single();

        Assert.True(JsonNode.DeepEquals(original, parsed), parsed.ToJsonString());
    }
}
