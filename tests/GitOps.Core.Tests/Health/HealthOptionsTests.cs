using GitOps.Core.Health;

namespace GitOps.Core.Tests.Health;

public sealed class HealthOptionsTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 40)]
    [InlineData(5, 60)]
    [InlineData(50, 60)]
    public void RecheckDelay_DoublesFromFiveSeconds_CappedAtSixty(int attempt, int seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), new HealthOptions().RecheckDelay(attempt));

    [Theory]
    [InlineData(300, "5m0s")]
    [InlineData(2, "2s")]
    [InlineData(1.5, "1.5s")]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h0m0s")]
    public void GoDuration_PrintsAsGoDoes(double seconds, string expected)
        => Assert.Equal(expected, HealthChecker.GoDuration(TimeSpan.FromSeconds(seconds)));
}
