using GitOps.Rendering;

namespace GitOps.Rendering.Tests;

/// <summary>A targeted patch that selects nothing: no error, as in kubectl kustomize, but a warning naming the file and line; an error when strict.</summary>
public sealed class RenderWarningTests
{
    private static readonly string Root = Path.Combine(FixturePaths.Kustomize, "patches-target-selects-nothing");

    [Fact]
    public void Render_PatchTargetSelectingNothing_WarnsNamingTheKustomizationAndLine()
    {
        var result = new ManifestRenderer().Render(new RenderRequest(Root, "app"));

        Assert.Single(result.Objects);
        Assert.Collection(
            result.Warnings,
            w => Assert.StartsWith("app/kustomization.yaml:5: patch ", w, StringComparison.Ordinal),
            w => Assert.StartsWith("app/kustomization.yaml:21: patch ", w, StringComparison.Ordinal));
        Assert.All(result.Warnings, w => Assert.Contains("no resource matches target", w, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_PatchTargetSelectingNothing_Strict_IsAnErrorNamingTheKustomization()
    {
        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(Root, "app") { Strict = true }));

        Assert.StartsWith("app/kustomization.yaml:5: patch ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EveryTargetSelects_NoWarning()
        => Assert.Empty(new ManifestRenderer().Render(new RenderRequest(Path.Combine(FixturePaths.Kustomize, "patches-target-label-selector"), "app")).Warnings);
}
