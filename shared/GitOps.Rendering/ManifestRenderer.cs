using GitOps.Rendering.Kustomize;

namespace GitOps.Rendering;

/// <summary>
/// Renders an application path of a checked-out repository into Kubernetes objects: a Kustomize
/// build when the directory holds a kustomization, otherwise every manifest file below it; then
/// post-build variable substitution. Pure: reads only below the repository root, holds no state.
/// </summary>
public sealed class ManifestRenderer
{
    private readonly RenderOptions _options;

    public ManifestRenderer(RenderOptions? options = null)
    {
        _options = options ?? new RenderOptions();
        _options.Validate();
    }

    public RenderResult Render(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tree = new SourceTree(request.RepositoryRoot, _options) { RemoteBases = request.RemoteBases };
        try
        {
            return Render(request, tree);
        }
        catch (RenderException e) when (tree.HasMounts)
        {
            // Files of remote bases are named by their URL and ref, not by the tree's virtual directory.
            throw new RenderException(tree.DescribeAll(e.Message), e.File is null ? null : tree.Describe(e.File), e.Line, e.InnerException);
        }
    }

    private RenderResult Render(RenderRequest request, SourceTree tree)
    {
        var appDir = tree.Resolve(string.Empty, request.AppPath, referrer: null);
        if (!tree.IsDirectory(appDir))
        {
            throw RenderException.At(request.AppPath, null, "application path is not a directory in the repository");
        }

        var kustomization = KustomizationFile.Find(tree, appDir, referrer: null);
        var builder = kustomization is null ? null : new KustomizeBuilder(tree, _options, request.Strict);
        var objects = builder is null
            ? new PlainDirectoryLoader(tree, _options).Load(appDir)
            : builder.Build(appDir);

        var substitution = new VariableSubstitution(request.Variables, request.StrictVariables);
        foreach (var obj in objects)
        {
            substitution.Apply(obj);
        }

        DuplicateCheck.ThrowOnDuplicates(objects);

        if (tree.HasMounts)
        {
            objects = objects.Select(o => o with { SourceFile = tree.Describe(o.SourceFile) }).ToList();
        }

        return new RenderResult(objects) { Warnings = builder?.Warnings.Select(tree.DescribeAll).ToList() ?? [], Inputs = tree.Inputs };
    }
}
