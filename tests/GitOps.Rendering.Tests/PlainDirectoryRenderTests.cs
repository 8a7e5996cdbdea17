using GitOps.Rendering;

namespace GitOps.Rendering.Tests;

public sealed class PlainDirectoryRenderTests
{
    private static string Cm(string name, string? ns = null)
        => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n" + (ns is null ? string.Empty : $"  namespace: {ns}\n");

    [Fact]
    public void Render_PlainDirectory_ReadsManifestFilesInOrdinalPathOrder()
    {
        using var repo = new TempRepository()
            .Write("apps/web/b.yaml", Cm("b"))
            .Write("apps/web/a.yml", Cm("a") + "---\n" + Cm("a2"))
            .Write("apps/web/C.json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""")
            .Write("apps/web/sub/z.yaml", Cm("sub-z"))
            .Write("apps/web/sub.yaml", Cm("sub-file"))
            .Write("apps/web/.hidden/h.yaml", Cm("hidden"))
            .Write("apps/web/README.md", "# not a manifest")
            .Write("apps/web/values.txt", "x: 1");

        var result = new ManifestRenderer().Render(new RenderRequest(repo.Root, "apps/web"));

        Assert.Equal(["c", "a", "a2", "b", "sub-z", "sub-file"], result.Objects.Select(o => o.Name));
        Assert.Equal(["apps/web/C.json", "apps/web/a.yml", "apps/web/a.yml", "apps/web/b.yaml", "apps/web/sub/z.yaml", "apps/web/sub.yaml"],
            result.Objects.Select(o => o.SourceFile));
    }

    [Fact]
    public void Render_RenderedObject_ExposesIdentity()
    {
        using var repo = new TempRepository()
            .Write("app/d.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n---\n" + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");

        var objects = new ManifestRenderer().Render(new RenderRequest(repo.Root, "app")).Objects;

        Assert.Equal(("apps/v1", "apps", "Deployment", "web", "shop", "Deployment/shop/web"),
            (objects[0].ApiVersion, objects[0].Group, objects[0].Kind, objects[0].Name, objects[0].Namespace, objects[0].Id));
        Assert.Equal(("", null, "Namespace/shop"), (objects[1].Group, objects[1].Namespace, objects[1].Id));
    }

    [Fact]
    public void Render_DuplicateIdentity_NamesBothFiles()
    {
        using var repo = new TempRepository().Write("app/one.yaml", Cm("x", "n")).Write("app/two/two.yaml", Cm("x", "n"));

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(repo.Root, "app")));

        Assert.Equal("ConfigMap/n/x: defined twice, in app/one.yaml and in app/two/two.yaml", error.Message);
    }

    [Fact]
    public void Render_SameNameInOtherNamespaceOrKind_IsNotADuplicate()
    {
        using var repo = new TempRepository()
            .Write("app/a.yaml", Cm("x", "a") + "---\n" + Cm("x", "b") + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n  namespace: a\n");

        Assert.Equal(3, new ManifestRenderer().Render(new RenderRequest(repo.Root, "app")).Objects.Count);
    }

    [Fact]
    public void Render_SymlinkLeavingTheRepository_IsRejected()
    {
        using var outside = new TempRepository().Write("secret.yaml", Cm("stolen"));
        using var repo = new TempRepository().Write("app/ok.yaml", Cm("ok")).Link("app/evil.yaml", Path.Combine(outside.Root, "secret.yaml"));

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(repo.Root, "app")));

        Assert.Equal("app/evil.yaml: path \"evil.yaml\" leads out of the repository through a symbolic link", error.Message);
    }

    [Fact]
    public void Render_SymlinkedDirectoryLeavingTheRepository_IsRejectedInKustomizations()
    {
        using var outside = new TempRepository().Write("base/kustomization.yaml", "resources: []\n");
        using var repo = new TempRepository()
            .Write("app/kustomization.yaml", "resources:\n- ../linked\n")
            .Link("linked", Path.Combine(outside.Root, "base"));

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(repo.Root, "app")));

        Assert.StartsWith("app/kustomization.yaml:2: path \"../linked\" leads out of the repository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SymlinkInsideTheRepository_IsFollowed()
    {
        using var repo = new TempRepository().Write("shared/cm.yaml", Cm("shared"));
        repo.Link("app/cm.yaml", Path.Combine(repo.Root, "shared", "cm.yaml"));

        var result = new ManifestRenderer().Render(new RenderRequest(repo.Root, "app"));

        Assert.Equal("shared", Assert.Single(result.Objects).Name);
    }

    [Fact]
    public void Render_AppPathEscapingTheRepository_IsRejected()
    {
        using var repo = new TempRepository().Write("app/a.yaml", Cm("a"));

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(repo.Root, "../..")));

        Assert.Contains("escapes the repository root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingAppPath_NamesIt()
    {
        using var repo = new TempRepository().Write("app/a.yaml", Cm("a"));

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(repo.Root, "apps/missing")));

        Assert.Equal("apps/missing: application path is not a directory in the repository", error.Message);
    }

    [Fact]
    public void Render_KustomizationBelowAPlainDirectory_IsRejected()
    {
        using var repo = new TempRepository().Write("app/a.yaml", Cm("a")).Write("app/overlay/kustomization.yaml", "resources: []\n");

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(repo.Root, "app")));

        Assert.StartsWith("app/overlay/kustomization.yaml: a kustomization inside a plain-manifest directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DirectoryWithKustomizationFile_IsAKustomizeBuild()
    {
        using var repo = new TempRepository()
            .Write("app/Kustomization", "namePrefix: k-\nresources:\n- cm.yaml\n")
            .Write("app/cm.yaml", Cm("a"))
            .Write("app/ignored.yaml", Cm("not-listed"));

        var result = new ManifestRenderer().Render(new RenderRequest(repo.Root, "app"));

        Assert.Equal("k-a", Assert.Single(result.Objects).Name);
    }

    [Fact]
    public void Render_TwoKustomizationFiles_IsAnError()
    {
        using var repo = new TempRepository().Write("app/kustomization.yaml", "resources: []\n").Write("app/kustomization.yml", "resources: []\n");

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(repo.Root, "app")));

        Assert.Contains("multiple kustomization files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SymlinkLoopInPlainDirectory_IsAnErrorNotARecursion()
    {
        using var repo = new TempRepository().Write("app/a.yaml", Cm("a"));
        repo.Link("app/loop", Path.Combine(repo.Root, "app"));

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(repo.Root, "app")));

        Assert.Equal("app/loop: directory is reached twice through symbolic links (a loop?)", error.Message);
    }

    [Fact]
    public void Render_KustomizationCycleThroughSymlink_IsReportedAsACycle()
    {
        using var repo = new TempRepository().Write("app/kustomization.yaml", "resources:\n- self\n");
        repo.Link("app/self", Path.Combine(repo.Root, "app"));

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(repo.Root, "app")));

        Assert.Equal("app/kustomization.yaml:2: cycle between kustomizations: app -> app/self", error.Message);
    }
}
