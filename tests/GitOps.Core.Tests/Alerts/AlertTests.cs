using GitOps.Core.Alerts;
using GitOps.Core.Registry;

namespace GitOps.Core.Tests.Alerts;

public sealed class AlertTests
{
    [Fact]
    public void Fingerprint_IsTheIdentitiesInvolved_NotTheMessageOrTheirOrder()
    {
        var at = DateTimeOffset.UnixEpoch;
        var a = Alert.Of("web", "prod", AlertKind.Drift, "2 fields drifted at 10:00", at, "Deployment/shop/web|spec.replicas", "Service/shop/web|spec.type");
        var b = Alert.Of("web", "prod", AlertKind.Drift, "still drifted after 3h", at.AddHours(3), "Service/shop/web|spec.type", "Deployment/shop/web|spec.replicas");

        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Fingerprint, Alert.Of("web", "dev", AlertKind.Drift, "x", at, "Deployment/shop/web|spec.replicas", "Service/shop/web|spec.type").Fingerprint);
        Assert.NotEqual(a.Fingerprint, Alert.Of("web", "prod", AlertKind.Orphaned, "x", at, "Deployment/shop/web|spec.replicas", "Service/shop/web|spec.type").Fingerprint);
        Assert.Equal((AlertSeverity.Warning, AlertSeverity.Error, AlertSeverity.Info), (a.Severity, Alert.SeverityOf(AlertKind.SyncFailed), Alert.SeverityOf(AlertKind.Synced)));
    }

    [Theory]
    [InlineData("https://gitlab.example.com/platform/config.git", null, null, "https://gitlab.example.com/platform/config/-/commit/abc123")]
    [InlineData("https://gitlab.example.com/platform/config.git", "platform/config", "https://gitlab.example.com/api/v4", "https://gitlab.example.com/platform/config/-/commit/abc123")]
    [InlineData("https://git.internal/x.git", "group/sub/app", "https://gitlab.example.com/gitlab/api/v4", "https://gitlab.example.com/gitlab/group/sub/app/-/commit/abc123")]
    [InlineData("/srv/git/local.git", null, null, null)]
    public void CommitUrl_IsTheCommitPageWhereTheSourceHasAWebUrl(string url, string? project, string? apiUrl, string? expected)
    {
        var source = new SourceDefinition("s", url) { GitLab = project is null && apiUrl is null ? null : new GitLabProject(project, apiUrl, apiUrl is null ? null : "T") };

        Assert.Equal(expected, AlertCenter.CommitUrlOf(source, "abc123"));
    }
}
