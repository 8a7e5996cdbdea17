namespace GitOps.Rendering;

/// <summary>What to render: an application path inside a checked-out repository.</summary>
/// <param name="RepositoryRoot">The checkout's root directory; nothing outside it is ever read.</param>
/// <param name="AppPath">The application's directory, relative to <paramref name="RepositoryRoot"/>.</param>
public sealed record RenderRequest(string RepositoryRoot, string AppPath)
{
    /// <summary>Values for <c>${VAR}</c> post-build substitution (the application's settings).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>When true, an undefined variable without a default is an error naming the object.</summary>
    public bool StrictVariables { get; init; }

    /// <summary>When true, what is otherwise a warning (a patch whose target selects nothing) is an error.</summary>
    public bool Strict { get; init; }

    /// <summary>Fetches remote bases (<c>https://host/repo.git//path?ref=v1</c>); null: they are errors.</summary>
    public IRemoteBases? RemoteBases { get; init; }
}
