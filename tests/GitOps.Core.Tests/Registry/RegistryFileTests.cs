using GitOps.Core.Registry;

namespace GitOps.Core.Tests.Registry;

public sealed class RegistryFileTests
{
    private const string File = "registry.yaml";

    [Fact]
    public void Parse_FullFile_ReturnsEveryField()
    {
        var snapshot = RegistryFile.Parse(RegistryFixtures.FullFile, File);

        RegistryFixtures.AssertEquivalent(RegistryFixtures.Full(), snapshot);
    }

    [Fact]
    public void Parse_MinimalEntries_AppliesDefaults()
    {
        var snapshot = RegistryFile.Parse("""
            apiVersion: gitops-functions.io/v1
            kind: Registry
            sources:
              - name: s
                url: https://example.com/s.git
            clusters:
              - name: c
                kubeconfigFile: kube.yaml
            apps:
              - name: a
                source: s
                path: .
                clusters: [c]
            """, File);

        var source = Assert.Single(snapshot.Sources);
        Assert.Equal("main", source.Branch);
        Assert.Null(source.TokenSetting);
        var app = Assert.Single(snapshot.Apps);
        Assert.Equal(".", app.Path);
        Assert.Null(app.Namespace);
        Assert.Equal(SyncPolicy.Auto, app.SyncPolicy);
        Assert.Equal(DriftPolicy.Alert, app.DriftPolicy);
        Assert.False(app.StrictVariables);
        Assert.Empty(app.Variables);
        Assert.True(app.Prune);
        Assert.False(app.AllowEmpty);
        Assert.False(app.Force);
        Assert.False(app.AutoRollback);
        Assert.False(app.AllowFloatingRefs);
        Assert.Null(app.AllowedNamespaces);
        Assert.Null(app.ClusterScopedKinds);
        Assert.Equal(TimeSpan.FromMinutes(2), app.CrdTimeout);
    }

    [Fact]
    public void Parse_ClusterConnectionModes_ReadsServerTokenCaAzureAndTls()
    {
        var snapshot = RegistryFile.Parse(RegistryFixtures.ConnectionModesFile, File);

        RegistryFixtures.AssertEquivalent(RegistryFixtures.ConnectionModes(), snapshot);
        RegistryFixtures.AssertEquivalent(snapshot, RegistryFile.Parse(RegistryFile.Format(snapshot), "formatted.yaml"));
        Assert.Equal(
            ["azure @ https://aks-weu.hcp.westeurope.azmk8s.io:443", "token EDGE_TOKEN @ https://edge.example.com:6443", "token LAB_TOKEN @ https://10.0.0.5:6443"],
            snapshot.Clusters.Select(c => c.ConnectionSummary()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("500ms", 500)]
    public void ParseDuration_GoStyle_ReadsTheSpan(string text, long milliseconds)
    {
        Assert.Null(RegistryRules.CheckDuration(text));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RegistryRules.ParseDuration(text));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RegistryRules.ParseDuration(RegistryRules.FormatDuration(TimeSpan.FromMilliseconds(milliseconds))));
    }

    [Fact]
    public void EffectiveAllowedNamespaces_DefaultsToTheAppNamespace_OrAnyWithout()
    {
        var app = new AppDefinition { Name = "a", Source = "s", Path = ".", Clusters = ["c"] };

        Assert.Null(app.EffectiveAllowedNamespaces);
        Assert.Equal(["web"], (app with { Namespace = "web" }).EffectiveAllowedNamespaces);
        Assert.Equal(["x", "y"], (app with { Namespace = "web", AllowedNamespaces = ["x", "y"] }).EffectiveAllowedNamespaces);
    }

    [Fact]
    public void Parse_HeaderOnly_ReturnsEmptyRegistry()
    {
        var snapshot = RegistryFile.Parse("apiVersion: gitops-functions.io/v1\nkind: Registry\napps: []\n", File);

        Assert.Empty(snapshot.Sources);
        Assert.Empty(snapshot.Clusters);
        Assert.Empty(snapshot.Apps);
    }

    [Theory]
    [InlineData("apps/web/", "apps/web")]
    [InlineData("./apps//web", "apps/web")]
    [InlineData("apps/x/../web", "apps/web")]
    [InlineData("./", ".")]
    public void Parse_AppPath_IsNormalized(string written, string expected)
    {
        var yaml = RegistryFixtures.FullFile.Replace("path: apps/web/overlays/prod", $"path: '{written}'", StringComparison.Ordinal);

        var snapshot = RegistryFile.Parse(yaml, File);

        Assert.Equal(expected, snapshot.FindApp("web")!.Path);
    }

    [Theory]
    [InlineData("syncPolicy: Manual", SyncPolicy.Manual)]
    [InlineData("syncPolicy: AUTO", SyncPolicy.Auto)]
    public void Parse_PolicyInAnotherCase_IsAccepted(string line, SyncPolicy expected)
    {
        var yaml = RegistryFixtures.FullFile.Replace("syncPolicy: auto", line, StringComparison.Ordinal);

        Assert.Equal(expected, RegistryFile.Parse(yaml, File).FindApp("web")!.SyncPolicy);
    }

    [Fact]
    public void Parse_SeveralErrors_ReportsAllInLineOrderWithoutFollowOnErrors()
    {
        var yaml = """
            apiVersion: gitops-functions.io/v1
            kind: Registry
            sources:
              - name: Platform
                url: https://example.com/p.git
            apps:
              - name: web
                source: platform
                path: /abs
                clusters: [nowhere]
                driftPolicy: fix
            """;

        var error = Assert.Throws<RegistryFileException>(() => RegistryFile.Parse(yaml, File));

        Assert.Equal(
            [
                "registry.yaml:4: sources[0].name: 'Platform' is not a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
                "registry.yaml:9: apps[0].path: '/abs' must be relative to the repository root",
                "registry.yaml:10: apps[0].clusters[0]: unknown cluster 'nowhere' (the file defines no clusters)",
                "registry.yaml:11: apps[0].driftPolicy: 'fix' is not one of alert, correct",
            ],
            error.Errors.Select(e => e.ToString()));
        // 'platform' is not reported unknown: the source without a valid name already has its error.
        Assert.Equal(string.Join('\n', error.Errors), error.Message);
        Assert.StartsWith("registry.yaml:4: ", error.Message);
    }

    [Fact]
    public void Parse_ErrorInSourceField_DoesNotAlsoReportAppsNamingIt()
    {
        var yaml = RegistryFixtures.FullFile.Replace("url: /srv/git/local.git", "url: relative/path", StringComparison.Ordinal);

        var error = Assert.Throws<RegistryFileException>(() => RegistryFile.Parse(yaml, File));

        var only = Assert.Single(error.Errors);
        Assert.Equal("registry.yaml:14: sources[1].url: 'relative/path' is not an http(s) or file URL, nor an absolute path", only.ToString());
    }

    [Theory]
    [InlineData("https://oauth2:glpat-SECRET@gitlab.example.com/p.git")]
    [InlineData("https://glpat-SECRET@gitlab.example.com/p.git")]
    public void Parse_UrlWithCredentials_FailsWithoutEchoingThem(string url)
    {
        var yaml = RegistryFixtures.FullFile.Replace("https://gitlab.example.com/platform/config.git", url, StringComparison.Ordinal);

        var error = Assert.Throws<RegistryFileException>(() => RegistryFile.Parse(yaml, File));

        Assert.StartsWith("registry.yaml:5: sources[0].url: must not carry credentials", error.Message);
        Assert.DoesNotContain("SECRET", error.Message);
    }

    [Fact]
    public void Parse_TokenInsteadOfSettingName_FailsWithoutEchoingIt()
    {
        var yaml = RegistryFixtures.FullFile.Replace("tokenSetting: GITLAB_TOKEN", "tokenSetting: 'glpat-SECRET xyz'", StringComparison.Ordinal);

        var error = Assert.Throws<RegistryFileException>(() => RegistryFile.Parse(yaml, File));

        Assert.StartsWith("registry.yaml:7: sources[0].tokenSetting: is not a setting name", error.Message);
        Assert.DoesNotContain("SECRET", error.Message);
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsFileAndLine()
    {
        var yaml = "apiVersion: gitops-functions.io/v1\nkind: Registry\nsources:\n  - name: [unclosed\n";

        var error = Assert.Throws<RegistryFileException>(() => RegistryFile.Parse(yaml, File));

        Assert.Matches(@"^registry\.yaml:[45]: not valid YAML: ", error.Message);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Parse_DuplicateKey_ReportsFileAndLine()
    {
        var yaml = "apiVersion: gitops-functions.io/v1\nkind: Registry\nkind: Registry\n";

        var error = Assert.Throws<RegistryFileException>(() => RegistryFile.Parse(yaml, File));

        Assert.StartsWith("registry.yaml:3: not valid YAML: ", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Parse_EmptyFile_FailsAtLineOne(string yaml)
    {
        var error = Assert.Throws<RegistryFileException>(() => RegistryFile.Parse(yaml, File));

        Assert.StartsWith("registry.yaml:1: the file is empty", error.Message);
    }

    [Fact]
    public void Parse_TwoDocuments_FailsAtTheSecond()
    {
        var yaml = "apiVersion: gitops-functions.io/v1\nkind: Registry\n---\napiVersion: gitops-functions.io/v1\nkind: Registry\n";

        var error = Assert.Throws<RegistryFileException>(() => RegistryFile.Parse(yaml, File));

        Assert.StartsWith("registry.yaml:4: a registry file holds one YAML document", error.Message);
    }

    [Fact]
    public async Task LoadAsync_File_NamesThePathAsGiven()
    {
        var path = Path.Combine(Path.GetTempPath(), $"registry-{Guid.NewGuid():N}.yaml");
        await System.IO.File.WriteAllTextAsync(path, "apiVersion: v1\nkind: Registry\n");
        try
        {
            var error = await Assert.ThrowsAsync<RegistryFileException>(() => RegistryFile.LoadAsync(path));

            Assert.StartsWith($"{path}:1: apiVersion: 'v1' is not supported", error.Message);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
