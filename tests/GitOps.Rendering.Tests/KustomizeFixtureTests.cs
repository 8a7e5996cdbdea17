using System.Text.Json.Nodes;
using GitOps.Rendering;

namespace GitOps.Rendering.Tests;

/// <summary>
/// Every case under Fixtures/kustomize is a small repository whose <c>app</c> directory is built and
/// compared with the committed output of <c>kubectl kustomize app</c> (regenerate.sh): the same
/// objects, field for field, in the same order, and the same YAML text.
/// </summary>
public sealed class KustomizeFixtureTests
{
    public static TheoryData<string> Cases => FixturePaths.CaseNames(FixturePaths.Kustomize);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_KustomizeCase_MatchesKubectlKustomize(string name)
    {
        var root = Path.Combine(FixturePaths.Kustomize, name);
        var expectedText = File.ReadAllText(Path.Combine(root, "expected.yaml"));
        var expected = ManifestYaml.Parse(expectedText, "expected.yaml");

        var result = new ManifestRenderer().Render(new RenderRequest(root, "app"));

        var actual = result.Objects.Select(o => o.Body).ToList();
        Assert.Equal(expected.Select(Id), actual.Select(Id));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(expected[i], actual[i]),
                $"object {i} ({Id(expected[i])}) differs\nexpected: {expected[i].ToJsonString()}\nactual:   {actual[i].ToJsonString()}");
        }

        Assert.Equal(expectedText, ManifestYaml.Write(actual));
    }

    private static string Id(JsonObject o) => $"{o["kind"]}/{o["metadata"]?["namespace"]}/{o["metadata"]?["name"]}";
}
