using GitOps.Core.Registry;

namespace GitOps.Core.Tests.Registry;

public sealed class RegistryFileFormatTests
{
    [Fact]
    public void Format_FullRegistry_ParsesBackEqual()
    {
        var yaml = RegistryFile.Format(RegistryFixtures.Full());

        RegistryFixtures.AssertEquivalent(RegistryFixtures.Full(), RegistryFile.Parse(yaml, "formatted.yaml"));
    }

    [Fact]
    public void Format_ParsedFile_ParsesBackEqual()
    {
        var parsed = RegistryFile.Parse(RegistryFixtures.FullFile, "registry.yaml");

        var again = RegistryFile.Parse(RegistryFile.Format(parsed), "formatted.yaml");

        RegistryFixtures.AssertEquivalent(parsed, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("true")]
    [InlineData("3")]
    [InlineData("a: b")]
    [InlineData("- x")]
    [InlineData("'quoted'")]
    [InlineData(" padded ")]
    [InlineData("#not-a-comment")]
    [InlineData("line1\nline2")]
    public void Format_VariableValueYamlWouldMisread_KeepsItExactly(string value)
    {
        var full = RegistryFixtures.Full();
        var web = full.FindApp("web")!;
        var snapshot = full with { Apps = [web with { Variables = new Dictionary<string, string> { ["V"] = value } }] };

        var again = RegistryFile.Parse(RegistryFile.Format(snapshot), "formatted.yaml");

        Assert.Equal(value, again.FindApp("web")!.Variables["V"]);
    }

    [Fact]
    public void Format_EmptyRegistry_IsAValidFile()
    {
        var yaml = RegistryFile.Format(new RegistrySnapshot([], [], []));

        Assert.StartsWith("apiVersion: gitops-functions.io/v1\nkind: Registry\n", yaml.ReplaceLineEndings("\n"));
        Assert.Empty(RegistryFile.Parse(yaml, "empty.yaml").Apps);
    }
}
