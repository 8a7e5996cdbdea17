namespace GitOps.Core.Registry;

/// <summary>An application: a path in a source, applied to one or more clusters.</summary>
public sealed record AppDefinition
{
    public required string Name { get; init; }

    /// <summary>Name of the <see cref="SourceDefinition"/>.</summary>
    public required string Source { get; init; }

    /// <summary>Path of the manifests inside the repository ('/' separated, no leading slash).</summary>
    public required string Path { get; init; }

    /// <summary>Names of the target <see cref="ClusterDefinition"/>s.</summary>
    public required IReadOnlyList<string> Clusters { get; init; }

    /// <summary>Namespace given to namespaced objects that name none. Optional.</summary>
    public string? Namespace { get; init; }

    public SyncPolicy SyncPolicy { get; init; } = SyncPolicy.Auto;

    public DriftPolicy DriftPolicy { get; init; } = DriftPolicy.Alert;

    /// <summary>Post-build substitution variables (<c>${VAR}</c>).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>When true, an undefined variable without a default fails the render.</summary>
    public bool StrictVariables { get; init; }
}
