using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Rendering;

namespace GitOps.Rendering.Tests;

public sealed class ManifestYamlParseTests
{
    [Theory]
    [InlineData("123", "123", JsonValueKind.Number)]
    [InlineData("-42", "-42", JsonValueKind.Number)]
    [InlineData("1.5", "1.5", JsonValueKind.Number)]
    [InlineData("1.0", "1", JsonValueKind.Number)]
    [InlineData("1e3", "1000", JsonValueKind.Number)]
    [InlineData("0x1F", "31", JsonValueKind.Number)]
    [InlineData("012", "10", JsonValueKind.Number)]
    [InlineData("0o17", "15", JsonValueKind.Number)]
    [InlineData("1_000", "1000", JsonValueKind.Number)]
    [InlineData("9223372036854775808", "9223372036854775808", JsonValueKind.Number)]
    [InlineData("true", "true", JsonValueKind.True)]
    [InlineData("False", "false", JsonValueKind.False)]
    [InlineData("yes", "\"yes\"", JsonValueKind.String)]
    [InlineData("on", "\"on\"", JsonValueKind.String)]
    [InlineData("NO", "\"NO\"", JsonValueKind.String)]
    [InlineData("\"123\"", "\"123\"", JsonValueKind.String)]
    [InlineData("'true'", "\"true\"", JsonValueKind.String)]
    [InlineData("1.10.3", "\"1.10.3\"", JsonValueKind.String)]
    [InlineData("2024-01-15", "\"2024-01-15T00:00:00Z\"", JsonValueKind.String)]
    [InlineData("~", "null", JsonValueKind.Null)]
    [InlineData("null", "null", JsonValueKind.Null)]
    [InlineData("", "null", JsonValueKind.Null)]
    public void Parse_Scalar_GetsTheTypeKubernetesGivesIt(string yaml, string expectedJson, JsonValueKind kind)
    {
        var obj = ManifestYaml.Parse($"apiVersion: v1\nkind: X\nvalue: {yaml}\n", "x.yaml").Single();

        var value = obj["value"];
        Assert.Equal(kind, value?.GetValueKind() ?? JsonValueKind.Null);
        Assert.Equal(expectedJson, value?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Parse_ListKind_FlattensItemsInOrder()
    {
        const string yaml = """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
            - apiVersion: v1
              kind: ServiceList
              items:
              - {apiVersion: v1, kind: Service, metadata: {name: b}}
            - {apiVersion: v1, kind: Secret, metadata: {name: c}}
            """;

        var objects = ManifestYaml.Parse(yaml, "list.yaml");

        Assert.Equal(["a", "b", "c"], objects.Select(o => o["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Parse_MultipleDocuments_SkipsEmptyOnes()
    {
        const string yaml = "# comment only\n---\napiVersion: v1\nkind: A\n---\n---\n\napiVersion: v1\nkind: B\n...\n";

        var objects = ManifestYaml.Parse(yaml, "multi.yaml");

        Assert.Equal(["A", "B"], objects.Select(o => o["kind"]!.GetValue<string>()));
    }

    [Fact]
    public void Parse_InvalidYaml_NamesFileAndLine()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n   bad: indent\n";

        var error = Assert.Throws<RenderException>(() => ManifestYaml.Parse(yaml, "apps/web/cm.yaml"));

        Assert.StartsWith("apps/web/cm.yaml:5: invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.Equal("apps/web/cm.yaml", error.File);
        Assert.Equal(5, error.Line);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Parse_DuplicateKey_NamesBothLines()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: 1\n  a: 2\n";

        var error = Assert.Throws<RenderException>(() => ManifestYaml.Parse(yaml, "cm.yaml"));

        Assert.Equal("cm.yaml:5: mapping key \"a\" already defined at line 4", error.Message);
    }

    [Fact]
    public void Parse_AliasBomb_IsRejected()
    {
        const string yaml = """
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            """;

        var error = Assert.Throws<RenderException>(() => ManifestYaml.Parse(yaml, "bomb.yaml", new RenderOptions { MaxAliasExpansions = 1000 }));

        Assert.StartsWith("bomb.yaml:3: YAML aliases expand to more than 1000 nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ModestAliases_AreExpanded()
    {
        const string yaml = "apiVersion: v1\nkind: X\nbase: &base {cpu: 1, memory: 2Gi}\nlimits: *base\nmerged:\n  <<: *base\n  cpu: 2\n";

        var obj = ManifestYaml.Parse(yaml, "x.yaml").Single();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"cpu":1,"memory":"2Gi"}"""), obj["limits"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"cpu":2,"memory":"2Gi"}"""), obj["merged"]));
    }

    [Fact]
    public void Parse_OversizedDocument_IsRejected()
    {
        var yaml = "apiVersion: v1\nkind: ConfigMap\ndata:\n  big: \"" + new string('x', 5000) + "\"\n---\napiVersion: v1\nkind: Small\n";

        var error = Assert.Throws<RenderException>(() => ManifestYaml.Parse(yaml, "big.yaml", new RenderOptions { MaxDocumentBytes = 4096 }));

        Assert.Equal("big.yaml:1: YAML document is larger than the 4096 bytes allowed", error.Message);
    }

    [Fact]
    public void Parse_ScalarDocument_IsRejected()
    {
        var error = Assert.Throws<RenderException>(() => ManifestYaml.Parse("apiVersion: v1\n---\njust a string\n", "x.yaml"));

        Assert.Equal("x.yaml:2: a YAML document must be a mapping (a Kubernetes object)", error.Message);
    }

    [Fact]
    public void Parse_NotFiniteNumber_IsRejected()
    {
        var error = Assert.Throws<RenderException>(() => ManifestYaml.Parse("apiVersion: v1\nkind: X\nv: .inf\n", "x.yaml"));

        Assert.Equal("x.yaml:3: value \".inf\" cannot be represented in JSON", error.Message);
    }

    [Fact]
    public void Parse_Json_ReadsLikeYaml()
    {
        var obj = ManifestYaml.Parse("""{"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "1"}, "n": 1.0}""", "cm.json").Single();

        Assert.Equal("""{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"1"},"n":1}""", obj.ToJsonString());
    }

    [Theory]
    [InlineData("1: one", 4, "1")]
    [InlineData("true: yes", 4, "true")]
    [InlineData("~: nothing", 4, "~")]
    public void Parse_NonStringKey_IsRejectedAsKustomizeDoes(string entry, int line, string key)
    {
        var error = Assert.Throws<RenderException>(() => ManifestYaml.Parse($"apiVersion: v1\nkind: ConfigMap\ndata:\n  {entry}\n", "cm.yaml"));

        Assert.Equal($"cm.yaml:{line}: mapping key {key} is not a string: quote it", error.Message);
    }

    [Fact]
    public void Parse_QuotedAndWordKeys_AreStrings()
    {
        var obj = ManifestYaml.Parse("apiVersion: v1\nkind: X\ndata:\n  \"1\": a\n  'true': b\n  yes: c\n  on: d\n", "x.yaml").Single();

        Assert.Equal(["1", "true", "yes", "on"], obj["data"]!.AsObject().Select(p => p.Key));
    }
}
