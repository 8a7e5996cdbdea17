using GitOps.Rendering.Patches;

namespace GitOps.Rendering.Tests.Patches;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["tier"] = "web", ["env"] = "prod", ["n"] = "5" };

    [Theory]
    [InlineData("", true)]
    [InlineData("tier=web", true)]
    [InlineData("tier==web", true)]
    [InlineData("tier = web", true)]
    [InlineData("tier=db", false)]
    [InlineData("tier!=db", true)]
    [InlineData("missing!=x", true)]
    [InlineData("tier!=web", false)]
    [InlineData("tier in (web,db)", true)]
    [InlineData("tier in (db, cache)", false)]
    [InlineData("tier notin (db)", true)]
    [InlineData("missing notin (db)", true)]
    [InlineData("tier notin (web)", false)]
    [InlineData("env", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!env", false)]
    [InlineData("tier in (web,db),env", true)]
    [InlineData("tier=web,env=dev", false)]
    [InlineData("n>4", true)]
    [InlineData("n<4", false)]
    [InlineData("example.com/part-of=x", false)]
    public void Parse_Selector_MatchesAsKubernetes(string selector, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector)(Labels));
    }

    [Theory]
    [InlineData("tier in web")]
    [InlineData("tier in (web")]
    [InlineData("tier=web,")]
    [InlineData("=web")]
    [InlineData("tier ~ web")]
    [InlineData("n>x")]
    [InlineData("tier web")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingSelector(string selector)
    {
        var ex = Assert.Throws<FormatException>(() => LabelSelector.Parse(selector));

        Assert.Contains($"'{selector}'", ex.Message);
    }
}
