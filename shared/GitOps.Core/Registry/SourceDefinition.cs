namespace GitOps.Core.Registry;

/// <summary>A git repository the product watches.</summary>
/// <param name="Name">Unique name (DNS label).</param>
/// <param name="Url">Clone URL (https, ssh-less) or a local path.</param>
/// <param name="Branch">The branch to track. Default <c>main</c>.</param>
/// <param name="TokenSetting">Name of the setting (app setting / environment variable) that holds the access token; never the token itself.</param>
public sealed record SourceDefinition(string Name, string Url, string Branch = "main", string? TokenSetting = null)
{
    /// <summary>Name of the setting holding the secret token GitLab sends in <c>X-Gitlab-Token</c>; without it the webhook refuses every delivery for this source.</summary>
    public string? WebhookTokenSetting { get; init; }

    /// <summary>The GitLab project behind the source, for webhook matching and commit statuses; null when not on GitLab (or not said).</summary>
    public GitLabProject? GitLab { get; init; }
}

/// <summary>The <c>gitlab:</c> block of a source.</summary>
/// <param name="Project">The project's path (<c>group/name</c>) or numeric id; null to match webhook deliveries by URL.</param>
/// <param name="ApiUrl">The API root (<c>https://gitlab.example.com/api/v4</c>); with <paramref name="ApiTokenSetting"/>, commit statuses are posted.</param>
/// <param name="ApiTokenSetting">Name of the setting holding a token with the <c>api</c> scope.</param>
public sealed record GitLabProject(string? Project, string? ApiUrl, string? ApiTokenSetting);
