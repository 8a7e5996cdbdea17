namespace GitOps.Rendering.Kustomize;

/// <summary>A parsed kustomization file (Kustomization or Component), limited to the supported fields.</summary>
internal sealed class Kustomization
{
    public Kustomization(string file, string directory)
    {
        File = file;
        Directory = directory;
    }

    /// <summary>The kustomization file, relative to the repository root.</summary>
    public string File { get; }

    /// <summary>Its directory, relative to the repository root.</summary>
    public string Directory { get; }

    public bool IsComponent { get; set; }

    public List<PathEntry> Resources { get; } = [];

    public List<PathEntry> Components { get; } = [];

    public string? Namespace { get; set; }

    public string? NamePrefix { get; set; }

    public string? NameSuffix { get; set; }

    public List<KeyValuePair<string, string>> CommonLabels { get; } = [];

    public List<LabelsEntry> Labels { get; } = [];

    public List<KeyValuePair<string, string>> CommonAnnotations { get; } = [];

    public List<ImageEntry> Images { get; } = [];

    public List<ReplicaEntry> Replicas { get; } = [];

    public List<PatchEntry> Patches { get; } = [];

    public List<PatchEntry> PatchesStrategicMerge { get; } = [];

    public List<PatchEntry> PatchesJson6902 { get; } = [];

    public List<GeneratorArgs> ConfigMapGenerator { get; } = [];

    public List<GeneratorArgs> SecretGenerator { get; } = [];

    public GeneratorOptions? GeneratorOptions { get; set; }

    public SortOptions? SortOptions { get; set; }

    /// <summary>A <c>NamespaceTransformer</c> config's <c>unsetOnly</c>: fields that have a value keep it.</summary>
    public bool NamespaceUnsetOnly { get; set; }

    /// <summary>A <c>NamespaceTransformer</c> config's <c>setRoleBindingSubjects</c>.</summary>
    public string NamespaceSubjects { get; set; } = "defaultOnly";

    /// <summary>The <c>openapi</c> field: a schema file (in or below the directory) or a built-in version, and its line.</summary>
    public (string? Path, string? Version, int? Line)? OpenApi { get; set; }

    public List<ReplacementEntry> Replacements { get; } = [];

    /// <summary><c>buildMetadata</c>: originAnnotations, managedByLabel (honoured at the top kustomization only, as Kustomize).</summary>
    public List<string> BuildMetadata { get; } = [];

    /// <summary><c>transformers:</c> entries: builtin config files (or inline configs).</summary>
    public List<PathEntry> Transformers { get; } = [];

    /// <summary><c>configurations:</c> files (transformer configs merged with the defaults).</summary>
    public List<PathEntry> Configurations { get; } = [];

    /// <summary>The legacy <c>crds:</c> files (see <see cref="CrdConfig"/>).</summary>
    public List<PathEntry> Crds { get; } = [];

    /// <summary><c>vars</c>, in file order.</summary>
    public List<Var> Vars { get; } = [];

    /// <summary><c>generators:</c> entries: builtin config files (or inline configs).</summary>
    public List<PathEntry> Generators { get; } = [];
}
