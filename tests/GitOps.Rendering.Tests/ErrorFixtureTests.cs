using GitOps.Rendering;

namespace GitOps.Rendering.Tests;

/// <summary>
/// Every case under Fixtures/errors must fail to render with a <see cref="RenderException"/> whose
/// message contains the fragment in its expected-error.txt (which names the file at fault).
/// </summary>
public sealed class ErrorFixtureTests
{
    public static TheoryData<string> Cases => FixturePaths.CaseNames(FixturePaths.Errors);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_ErrorCase_FailsNamingTheFile(string name)
    {
        var root = Path.Combine(FixturePaths.Errors, name);
        var fragment = File.ReadAllText(Path.Combine(root, "expected-error.txt")).Trim();

        var error = Assert.Throws<RenderException>(() => new ManifestRenderer().Render(new RenderRequest(root, "app")));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }
}
