using GitOps.Rendering;

namespace GitOps.Rendering.Tests;

public sealed class VariableSubstitutionTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          labels:
            version: ${VERSION}
        spec:
          replicas: ${REPLICAS:=2}
          template:
            spec:
              containers:
              - name: web
                image: registry.example.com/web:${VERSION}
                args: ["--region=${REGION:=eu-west-1}", "--literal=$${NOT_A_VAR}", "--empty=${UNSET}"]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: shop
        data:
          count: ${REPLICAS:=2}
        """;

    private static RenderResult Render(string yaml, IReadOnlyDictionary<string, string> variables, bool strict = false)
    {
        using var repo = new TempRepository().Write("app/all.yaml", yaml);
        return new ManifestRenderer().Render(new RenderRequest(repo.Root, "app") { Variables = variables, StrictVariables = strict });
    }

    [Fact]
    public void Render_Variables_AreSubstitutedInStringValues()
    {
        var result = Render(Deployment, new Dictionary<string, string> { ["VERSION"] = "1.4.2", ["REPLICAS"] = "3" });

        var yaml = ManifestYaml.Write(result.Objects.Select(o => o.Body));
        Assert.Contains("    version: 1.4.2\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  replicas: 3\n", yaml, StringComparison.Ordinal);
        Assert.Contains("image: registry.example.com/web:1.4.2", yaml, StringComparison.Ordinal);
        Assert.Contains("- --region=eu-west-1\n", yaml, StringComparison.Ordinal);
        Assert.Contains("- --literal=${NOT_A_VAR}\n", yaml, StringComparison.Ordinal);
        Assert.Contains("- --empty=\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  count: \"3\"\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WholeValuePlaceholder_TakesTheTypeItReadsAs()
    {
        var result = Render(Deployment, new Dictionary<string, string> { ["VERSION"] = "2" });

        var deployment = result.Objects.Single(o => o.Kind == "Deployment").Body;
        Assert.Equal(2L, deployment["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal("2", deployment["metadata"]!["labels"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public void Render_StrictAndUndefinedWithoutDefault_FailsNamingTheObject()
    {
        var error = Assert.Throws<RenderException>(() => Render(Deployment, new Dictionary<string, string> { ["VERSION"] = "1" }, strict: true));

        Assert.Equal("Deployment/shop/web (from app/all.yaml): variable \"UNSET\" is not defined and has no default (strict substitution)", error.Message);
    }

    [Fact]
    public void Render_StrictWithEverythingDefined_Succeeds()
    {
        var result = Render(Deployment, new Dictionary<string, string> { ["VERSION"] = "1", ["UNSET"] = "set" }, strict: true);

        Assert.Equal(2, result.Objects.Count);
    }

    [Fact]
    public void Render_SubstituteDisabledAnnotation_LeavesTheObjectAlone()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: script
              annotations:
                kustomize.toolkit.fluxcd.io/substitute: disabled
            data:
              run.sh: echo ${HOME}
            """;

        var result = Render(yaml, new Dictionary<string, string> { ["HOME"] = "/root" }, strict: true);

        Assert.Equal("echo ${HOME}", result.Objects[0].Body["data"]!["run.sh"]!.GetValue<string>());
    }

    [Fact]
    public void Render_KustomizeBuild_SubstitutesAfterTheBuild()
    {
        using var repo = new TempRepository()
            .Write("app/kustomization.yaml", "namePrefix: ${ENV}-\nresources:\n- cm.yaml\n")
            .Write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  env: ${ENV}\n");

        var result = new ManifestRenderer().Render(new RenderRequest(repo.Root, "app") { Variables = new Dictionary<string, string> { ["ENV"] = "prod" } });

        var cm = Assert.Single(result.Objects);
        Assert.Equal("prod-settings", cm.Name);
        Assert.Equal("prod", cm.Body["data"]!["env"]!.GetValue<string>());
    }
}
