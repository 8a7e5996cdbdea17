using GitOps.Core.Registry;
using GitOps.Core.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Sources;

/// <summary>The commit status states this product posts (GitLab's names).</summary>
public enum CommitState
{
    Running,
    Success,
    Failed,
}

/// <summary>
/// Posts a GitLab commit status per app × cluster on the synced commit, for sources with
/// <c>gitlab.apiUrl</c> and <c>gitlab.apiTokenSetting</c>: <c>POST /projects/:id/statuses/:sha</c>
/// with <c>state</c>, <c>name</c> (<c>gitops/{app}/{cluster}</c>), <c>description</c> and <c>ref</c>,
/// authenticated by <c>PRIVATE-TOKEN</c>. The last state posted is kept in the app's status row, so
/// the same state is not posted twice (GitLab answers 400 to that). A GitLab outage is a warning in
/// the log: it never fails or delays the sync beyond the request's timeout.
/// </summary>
public sealed class GitLabCommitStatus : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly AppStatusStore _status;
    private readonly IConfiguration _configuration;
    private readonly ILogger<GitLabCommitStatus> _logger;

    public GitLabCommitStatus(AppStatusStore status, IConfiguration configuration, ILogger<GitLabCommitStatus> logger)
    {
        _status = status;
        _configuration = configuration;
        _logger = logger;
    }

    /// <summary>The status name GitLab shows: <c>gitops/{app}/{cluster}</c>.</summary>
    public static string NameOf(string app, string cluster) => $"gitops/{app}/{cluster}";

    public async Task ReportAsync(SourceDefinition source, string app, string cluster, string revision, CommitState state, string description, CancellationToken cancellationToken)
    {
        if (source.GitLab is not { ApiUrl: { } apiUrl, ApiTokenSetting: { } tokenSetting })
        {
            return;
        }

        var wire = state.ToString().ToLowerInvariant();
        var key = $"{revision}:{wire}";
        try
        {
            if ((await _status.GetAsync(app, cluster, cancellationToken).ConfigureAwait(false))?.CommitStatus == key)
            {
                return;
            }

            if (_configuration[tokenSetting] is not { Length: > 0 } token)
            {
                _logger.LogWarning("Commit status for {App} on {Cluster} not posted: the setting '{Setting}' that should hold the GitLab API token is empty or missing", app, cluster, tokenSetting);
                return;
            }

            var project = Uri.EscapeDataString(source.GitLab.Project ?? ProjectPathOf(source.Url));
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{apiUrl.TrimEnd('/')}/projects/{project}/statuses/{revision}")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["state"] = wire,
                    ["name"] = NameOf(app, cluster),
                    ["ref"] = source.Branch,
                    ["description"] = description.Length <= 255 ? description : description[..252] + "...",
                }),
            };
            request.Headers.Add("PRIVATE-TOKEN", token);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode || (int)response.StatusCode == 400)
            {
                // 400: GitLab refuses a transition to the state the status already has; it is posted either way.
                await _status.UpdateAsync(app, cluster, s => s with { CommitStatus = key }, cancellationToken).ConfigureAwait(false);
                _logger.LogDebug("Commit status {Name} on {Revision}: {State}", NameOf(app, cluster), revision, wire);
                return;
            }

            _logger.LogWarning("Commit status {Name} on {Revision} ({State}) not posted: GitLab answered {Status}", NameOf(app, cluster), revision[..Math.Min(12, revision.Length)], wire, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Azure.RequestFailedException && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Commit status {Name} on {Revision} ({State}) not posted: {Error}", NameOf(app, cluster), revision[..Math.Min(12, revision.Length)], wire, e.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The project path from a clone URL: <c>https://gitlab.example.com/group/app.git</c> is <c>group/app</c>.</summary>
    public static string ProjectPathOf(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        path = path.Trim('/');
        return path.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? path[..^4] : path;
    }
}
