using GitOps.Rendering.Patches;
using static GitOps.Rendering.Tests.Patches.TestJson;

namespace GitOps.Rendering.Tests.Patches;

public sealed class PatchTargetTests
{
    private static readonly System.Text.Json.Nodes.JsonObject Alpha = Obj(
        "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'alpha','labels':{'tier':'web'},'annotations':{'team':'a'}}}");

    private static readonly System.Text.Json.Nodes.JsonObject Beta = Obj(
        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'beta','namespace':'ns1'}}");

    private static readonly System.Text.Json.Nodes.JsonObject Ns = Obj("{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'alphans'}}");

    [Theory]
    [InlineData(null, null, null, true, true, true)]
    [InlineData("ConfigMap", null, null, true, false, false)]
    [InlineData("Config.*", null, null, true, false, false)]
    [InlineData(null, "alp", null, false, false, false)]
    [InlineData(null, "alp.*", null, true, false, true)]
    [InlineData(null, "alpha|beta", null, true, true, false)]
    [InlineData(null, null, "default", true, false, false)]
    [InlineData(null, null, "ns.*", false, true, false)]
    public void Matches_KindNameNamespace_AnchoredRegexAsKustomize(string? kind, string? name, string? ns, bool alpha, bool beta, bool nsObj)
    {
        var target = new PatchTarget { Kind = kind, Name = name, Namespace = ns };

        Assert.Equal(alpha, target.Matches(Alpha));
        Assert.Equal(beta, target.Matches(Beta));
        Assert.Equal(nsObj, target.Matches(Ns));
    }

    [Fact]
    public void Matches_GroupAndVersion_ComparedToApiVersionParts()
    {
        Assert.True(new PatchTarget { Group = "apps", Version = "v1" }.Matches(Beta));
        Assert.False(new PatchTarget { Group = "apps" }.Matches(Alpha));
        Assert.True(new PatchTarget { Version = "v.*" }.Matches(Alpha));
        Assert.True(new PatchTarget { Group = "" }.Matches(Alpha));
    }

    [Fact]
    public void Matches_LabelAndAnnotationSelectors_ReadMetadata()
    {
        Assert.True(new PatchTarget { LabelSelector = "tier in (web,db)" }.Matches(Alpha));
        Assert.False(new PatchTarget { LabelSelector = "tier in (web,db)" }.Matches(Beta));
        Assert.True(new PatchTarget { LabelSelector = "tier notin (web)" }.Matches(Beta));
        Assert.True(new PatchTarget { AnnotationSelector = "team=a" }.Matches(Alpha));
        Assert.False(new PatchTarget { AnnotationSelector = "team=a" }.Matches(Beta));
    }

    [Fact]
    public void Matches_OriginalName_MatchesBeforePrefix()
    {
        var prefixed = Obj("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'dev-alpha'}}");
        var target = new PatchTarget { Name = "alpha" };

        Assert.False(target.Matches(prefixed));
        Assert.True(target.Matches(prefixed, originalName: "alpha", originalNamespace: null));
    }

    [Fact]
    public void Matches_InvalidRegex_ThrowsFormatExceptionNamingField()
    {
        var ex = Assert.Throws<FormatException>(() => new PatchTarget { Name = "a(" }.Matches(Alpha));

        Assert.Contains("Name 'a('", ex.Message);
    }

    [Fact]
    public void ToString_ListsSetFields()
    {
        Assert.Equal("kind=Deployment, name=web", new PatchTarget { Kind = "Deployment", Name = "web" }.ToString());
    }
}
