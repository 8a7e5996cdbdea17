namespace GitOps.Core.Rendering.Kustomize;

/// <summary>Builds a kustomization directory into objects, as <c>kubectl kustomize</c> (Kustomize v5.5) does.</summary>
internal sealed class KustomizeBuilder
{
    private readonly SourceTree _tree;
    private readonly RenderOptions _options;

    public KustomizeBuilder(SourceTree tree, RenderOptions options)
    {
        _tree = tree;
        _options = options;
    }

    public List<RenderedObject> Build(string directory)
    {
        _ = _options;
        var file = KustomizationFile.Find(_tree, directory, null);
        throw RenderException.At(file, null, "Kustomize builds are not supported yet");
    }
}
