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

    /// <summary>Delete objects that Git no longer contains (default true); when false they are reported as orphaned.</summary>
    public bool Prune { get; init; } = true;

    /// <summary>Allow a revision that renders no objects to prune everything the app had (default false).</summary>
    public bool AllowEmpty { get; init; }

    /// <summary>Take over fields that another field manager owns (server-side apply force; default false).</summary>
    public bool Force { get; init; }

    /// <summary>A sync whose health ends Degraded pins the cluster back to the last revision that was Healthy there, with one alert (default false).</summary>
    public bool AutoRollback { get; init; }

    /// <summary>Remote bases may name a branch (or no ref), which moves: the app is then planned on every commit of its source.</summary>
    public bool AllowFloatingRefs { get; init; }

    /// <summary>Namespaces the app may write to; null: the app's <see cref="Namespace"/> only when set, otherwise any.</summary>
    public IReadOnlyList<string>? AllowedNamespaces { get; init; }

    /// <summary>Kinds the app may create at cluster scope; null: all.</summary>
    public IReadOnlyList<string>? ClusterScopedKinds { get; init; }

    /// <summary>How long custom objects wait for a CustomResourceDefinition of the same revision to be established (default 2 minutes).</summary>
    public TimeSpan CrdTimeout { get; init; } = DefaultCrdTimeout;

    public static readonly TimeSpan DefaultCrdTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Differences drift never reports (and corrections leave alone), as Argo CD's <c>ignoreDifferences</c>.</summary>
    public IReadOnlyList<IgnoreDifference> IgnoreDifferences { get; init; } = [];

    /// <summary>The ignore rules that apply to <paramref name="obj"/>.</summary>
    public Drift.DriftRules DriftRulesFor(Kubernetes.ObjectRef obj)
    {
        var matching = IgnoreDifferences.Where(i => i.Matches(obj)).ToList();
        return matching.Count == 0
            ? Drift.DriftRules.None
            : new Drift.DriftRules(matching.SelectMany(i => i.JsonPointers).ToList(), matching.SelectMany(i => i.ManagedFieldsManagers).ToList());
    }
    /// <summary>How long the applied objects may stay Progressing after a sync before the app is Degraded (default 5 minutes).</summary>
    /// <remarks>Null: the installation's <c>GitOps:Health:Timeout</c> (default 5 minutes).</remarks>
    public TimeSpan? HealthTimeout { get; init; }

    /// <summary>The namespaces the app may write to, after defaults; null means any.</summary>
    public IReadOnlyList<string>? EffectiveAllowedNamespaces => AllowedNamespaces ?? (Namespace is null ? null : [Namespace]);
}
