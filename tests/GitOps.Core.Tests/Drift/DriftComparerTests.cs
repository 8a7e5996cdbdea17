using System.Text.Json.Nodes;
using GitOps.Core.Drift;
using GitOps.Rendering;

namespace GitOps.Core.Tests.Drift;

public sealed class DriftComparerTests
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Drift", "Fixtures");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(FixtureFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Compare_Fixture_ReportsExactlyTheExpectedFields(string fixture)
    {
        var document = ManifestYaml.Parse(File.ReadAllText(Path.Combine(FixtureFolder, fixture)), fixture).Single();
        var desired = document["desired"]!.AsObject();
        var live = document["live"]!.AsObject();

        var rules = document["rules"] is JsonObject r
            ? new DriftRules(Strings(r["ignoredPointers"]), Strings(r["ignoredManagers"]))
            : DriftRules.None;

        var items = DriftComparer.Compare("Obj/ns/name", desired, live, rules);

        var expected = document["expected"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(expected.Select(e => (string?)e["path"]), items.Select(i => i.Path));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(expected[i]["desired"], items[i].Desired), $"{items[i].Path}: desired {items[i].Desired?.ToJsonString()}");
            Assert.True(JsonNode.DeepEquals(expected[i]["live"], items[i].Live), $"{items[i].Path}: live {items[i].Live?.ToJsonString()}");
            Assert.Equal("Obj/ns/name", items[i].Object);
            Assert.Equal((string?)expected[i]["manager"], items[i].Manager);
        }
    }

    private static string[] Strings(JsonNode? list) => (list as JsonArray ?? []).Select(n => (string)n!).ToArray();

    [Fact]
    public void Compare_ListLengthChanged_ReportsTheWholeList()
    {
        var desired = JsonNode.Parse("""{"spec":{"args":["a","b"]}}""")!.AsObject();
        var live = JsonNode.Parse("""{"spec":{"args":["a","b","c"]}}""")!.AsObject();

        var item = Assert.Single(DriftComparer.Compare("X/y", desired, live));

        Assert.Equal("spec.args", item.Path);
        Assert.Equal(3, item.Live!.AsArray().Count);
    }
}
