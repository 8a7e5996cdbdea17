using GitOps.Core.Drift;

namespace GitOps.Core.Tests.Drift;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("0.5", "500m")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1000m", "1")]
    [InlineData("1e3", "1k")]
    [InlineData("2000", "2k")]
    [InlineData("0.5Gi", "512Mi")]
    public void Parse_TwoSpellings_SameValue(string a, string b)
        => Assert.Equal(Quantity.Parse(a), Quantity.Parse(b));

    [Theory]
    [InlineData("")]
    [InlineData("nginx")]
    [InlineData("1.2.3")]
    [InlineData("10Xi")]
    [InlineData("e5")]
    public void Parse_NotAQuantity_IsNull(string text)
        => Assert.Null(Quantity.Parse(text));
}
