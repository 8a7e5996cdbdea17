using GitOps.Rendering;

namespace GitOps.Rendering.Tests;

/// <summary>The renderer reports the files a render read, so that a commit touching none of them plans no job.</summary>
public sealed class RenderInputsTests
{
    private const string Cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";

    [Fact]
    public void Render_PlainDirectory_DependsOnEverythingBelowIt()
    {
        using var repo = new TempRepository().Write("apps/web/a.yaml", Cm).Write("apps/web/sub/README.md", "x").Write("apps/api/a.yaml", Cm);

        var inputs = new ManifestRenderer().Render(new RenderRequest(repo.Root, "apps/web")).Inputs;

        Assert.True(RenderResult.Touches(inputs, "apps/web/new.yaml"));
        Assert.True(RenderResult.Touches(inputs, "apps/web/sub/deeper/x.yaml"));
        Assert.False(RenderResult.Touches(inputs, "apps/api/a.yaml"));
        Assert.False(RenderResult.Touches(inputs, "apps/webshop/a.yaml"));
        Assert.False(RenderResult.Touches(inputs, "README.md"));
    }

    [Fact]
    public void Render_Kustomize_DependsOnEveryFileItReadWhereverItLives()
    {
        using var repo = new TempRepository()
            .Write("bases/web/kustomization.yaml", "resources:\n- cm.yaml\n")
            .Write("bases/web/cm.yaml", Cm)
            .Write("bases/web/README.md", "docs")
            .Write("bases/web/unused.yaml", Cm)
            .Write("apps/one/kustomization.yaml", "resources:\n- ../../bases/web\nconfigMapGenerator:\n- name: g\n  envs:\n  - app.env\npatches:\n- path: patch.yaml\n")
            .Write("apps/one/app.env", "A=1\n")
            .Write("apps/one/patch.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: y\n")
            .Write("apps/one/notes.md", "docs");

        var inputs = new ManifestRenderer().Render(new RenderRequest(repo.Root, "apps/one")).Inputs;

        foreach (var read in new[] { "bases/web/kustomization.yaml", "bases/web/cm.yaml", "apps/one/kustomization.yaml", "apps/one/app.env", "apps/one/patch.yaml" })
        {
            Assert.True(RenderResult.Touches(inputs, read), read);
        }

        // A kustomization file that appears next to the one read would change the render (kustomize refuses two).
        Assert.True(RenderResult.Touches(inputs, "apps/one/kustomization.yml"));
        Assert.False(RenderResult.Touches(inputs, "bases/web/README.md"));
        Assert.False(RenderResult.Touches(inputs, "bases/web/unused.yaml"));
        Assert.False(RenderResult.Touches(inputs, "apps/one/notes.md"));
    }
}
