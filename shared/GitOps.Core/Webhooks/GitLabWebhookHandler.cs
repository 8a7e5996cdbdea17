using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GitOps.Core.Messaging;
using GitOps.Core.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GitOps.Core.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/gitlab</c>. The payload is a trigger, never trusted for content: the handler
/// checks it, finds the source(s) it is about, authenticates the <c>X-Gitlab-Token</c> against the
/// source's <c>webhookTokenSetting</c>, records the delivery and queues one <c>source-changes</c>
/// message per source; the SourceWorker reads what changed from git. It reads one registry
/// partition and writes two rows and a message, so it answers in milliseconds at any registry size.
/// Bad input is a 4xx with a one-line reason, never a 500.
/// </summary>
public sealed class GitLabWebhookHandler
{
    /// <summary>The route, relative to the host's <c>/api</c> prefix.</summary>
    public const string Route = "webhooks/gitlab";

    /// <summary>The largest body accepted: GitLab's push payloads list at most 20 commits and stay far below it.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly Dictionary<string, string> EventKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Push Hook"] = "push",
        ["Tag Push Hook"] = "tag_push",
        ["Merge Request Hook"] = "merge_request",
        ["Issue Hook"] = "issue",
        ["Confidential Issue Hook"] = "issue",
        ["Note Hook"] = "note",
        ["Confidential Note Hook"] = "note",
        ["Pipeline Hook"] = "pipeline",
        ["Job Hook"] = "build",
        ["Wiki Page Hook"] = "wiki_page",
        ["Deployment Hook"] = "deployment",
        ["Release Hook"] = "release",
        ["Feature Flag Hook"] = "feature_flag",
        ["Emoji Hook"] = "emoji",
    };

    private readonly RegistryStore _registry;
    private readonly DeliveryStore _deliveries;
    private readonly JobQueue _queue;
    private readonly IConfiguration _configuration;
    private readonly TimeProvider _time;
    private readonly ILogger<GitLabWebhookHandler> _logger;

    public GitLabWebhookHandler(
        RegistryStore registry, DeliveryStore deliveries, JobQueue queue, IConfiguration configuration, TimeProvider time, ILogger<GitLabWebhookHandler> logger)
    {
        _registry = registry;
        _deliveries = deliveries;
        _queue = queue;
        _configuration = configuration;
        _time = time;
        _logger = logger;
    }

    public async Task<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            return new(415, $"Content-Type must be application/json, not {(string.IsNullOrEmpty(request.ContentType) ? "(none)" : request.ContentType)}");
        }

        var token = request.Header("X-Gitlab-Token");
        if (string.IsNullOrEmpty(token))
        {
            return Unauthorized();
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        var body = await ReadLimitedAsync(request.Body, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TooLarge();
        }

        Payload payload;
        try
        {
            payload = Payload.Parse(body, request.Header("X-Gitlab-Event"));
        }
        catch (PayloadException e)
        {
            _logger.LogInformation("GitLab webhook: rejected a delivery: {Reason}", e.Message);
            return new(400, e.Message);
        }

        var sources = await _registry.LoadSourcesAsync(cancellationToken).ConfigureAwait(false);
        var ofProject = sources.Where(s => payload.IsAbout(s)).ToList();

        // An unknown project still needs a token some source accepts: otherwise the answer would tell a stranger which projects are registered.
        var authenticated = (ofProject.Count > 0 ? ofProject : sources).Where(s => TokenMatches(s, token)).ToList();
        if (authenticated.Count == 0)
        {
            _logger.LogWarning("GitLab webhook: a delivery for {Project} had no valid X-Gitlab-Token", payload.ProjectName ?? "(no project)");
            return Unauthorized();
        }

        var deliveryId = request.Header("Idempotency-Key") is { Length: > 0 } key ? key : request.Header("X-Gitlab-Event-UUID");
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["Delivery"] = deliveryId ?? "(none)" });
        if (Ignored(payload, ofProject) is { } reason)
        {
            _logger.LogInformation("GitLab webhook: {Event} for {Project} ignored: {Reason}", payload.Kind, payload.ProjectName ?? "(no project)", reason);
            return new(200, "ignored: " + reason);
        }

        var tracking = authenticated.Where(s => s.Branch == payload.Branch).ToList();
        if (tracking.Count == 0)
        {
            var branches = string.Join(", ", ofProject.Select(s => s.Branch).Distinct());
            _logger.LogInformation("GitLab webhook: push to {Branch} of {Project} ignored: the sources track {Branches}", payload.Branch, payload.ProjectName, branches);
            return new(200, $"ignored: branch {payload.Branch} is not tracked (tracked: {branches})");
        }

        var queued = new List<string>();
        foreach (var source in tracking)
        {
            if (deliveryId is not null && !await _deliveries.TryClaimAsync(source.Name, deliveryId, payload.Kind, cancellationToken).ConfigureAwait(false))
            {
                _logger.LogInformation("GitLab webhook: delivery {Delivery} for source {Source} was queued already", deliveryId, source.Name);
                continue;
            }

            await _queue.SendSourceChangeAsync(new SourceChange(source.Name, SourceChange.WebhookTrigger) { DeliveryId = deliveryId, Pusher = payload.Pusher, SentAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            if (deliveryId is not null)
            {
                await _deliveries.MarkQueuedAsync(source.Name, deliveryId, cancellationToken).ConfigureAwait(false);
            }

            queued.Add(source.Name);
        }

        _logger.LogInformation("GitLab webhook: push to {Branch} of {Project} ({Commits} commit(s), after {After}): queued {Sources}",
            payload.Branch, payload.ProjectName, payload.TotalCommits?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?", payload.After?[..Math.Min(12, payload.After.Length)], queued.Count == 0 ? "nothing (replay)" : string.Join(", ", queued));
        return queued.Count == 0
            ? new(200, $"already queued: delivery {deliveryId}")
            : new(202, $"queued: source {string.Join(", ", queued)}");
    }

    /// <summary>Why a checked, authenticated delivery plans nothing; null when it is a push to look at.</summary>
    private static string? Ignored(Payload payload, IReadOnlyList<SourceDefinition> ofProject)
    {
        if (payload.Kind != "push")
        {
            return payload.Kind == "tag_push" ? "tag pushes are not tracked" : $"{payload.Kind} events plan nothing";
        }

        if (ofProject.Count == 0)
        {
            return $"project {payload.ProjectName ?? "(none)"} is not a registered source";
        }

        if (payload.Branch is null)
        {
            return $"ref {payload.Ref} is not a branch";
        }

        return payload.IsDeletion ? $"branch {payload.Branch} was deleted" : null;
    }

    private bool TokenMatches(SourceDefinition source, string token)
    {
        if (string.IsNullOrEmpty(source.WebhookTokenSetting) || _configuration[source.WebhookTokenSetting] is not { Length: > 0 } expected)
        {
            return false;
        }

        // Hashing first makes the comparison constant-time in the length too.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    private static bool IsJson(string? contentType)
        => contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the body up to the limit; null as soon as it passes it (the rest is never read).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static WebhookResponse Unauthorized() => new(401, "unauthorized");

    private static WebhookResponse TooLarge() => new(413, $"the body is larger than the {MaxBodyBytes} bytes allowed");

    /// <summary>What the handler reads from a delivery, every field type-checked.</summary>
    private sealed record Payload(string Kind, string? Ref, string? After, int? TotalCommits, string? ProjectName, long? ProjectId, IReadOnlyList<string> ProjectUrls)
    {
        public string? Pusher { get; init; }

        public string? Branch => Ref is not null && Ref.StartsWith("refs/heads/", StringComparison.Ordinal) ? Ref["refs/heads/".Length..] : null;

        public bool IsDeletion => After is not null && After.All(c => c == '0');

        public bool IsAbout(SourceDefinition source)
        {
            if (source.GitLab?.Project is { } project)
            {
                return long.TryParse(project, out var id)
                    ? ProjectId == id
                    : string.Equals(project, ProjectName, StringComparison.OrdinalIgnoreCase);
            }

            var url = NormalizeUrl(source.Url);
            return ProjectUrls.Any(u => NormalizeUrl(u) == url);
        }

        public static Payload Parse(byte[] body, string? eventHeader)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException e)
            {
                throw new PayloadException($"malformed JSON: {e.Message}");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new PayloadException($"expected a JSON object, found {Describe(root)}");
                }

                var kind = String(root, "object_kind", required: true)!;
                if (eventHeader is not null && EventKinds.TryGetValue(eventHeader, out var expected) && expected != kind)
                {
                    throw new PayloadException($"X-Gitlab-Event '{eventHeader}' does not match object_kind '{kind}'");
                }

                var projectName = default(string);
                var projectId = Long(root, "project_id");
                var urls = new List<string>();
                if (root.TryGetProperty("project", out var project) && project.ValueKind != JsonValueKind.Null)
                {
                    if (project.ValueKind != JsonValueKind.Object)
                    {
                        throw new PayloadException($"field 'project' must be an object, found {Describe(project)}");
                    }

                    projectName = String(project, "path_with_namespace", required: false, "project.");
                    projectId = Long(project, "id", "project.") ?? projectId;
                    foreach (var field in new[] { "git_http_url", "git_ssh_url", "web_url", "http_url", "ssh_url", "url" })
                    {
                        if (String(project, field, required: false, "project.") is { } url)
                        {
                            urls.Add(url);
                        }
                    }
                }

                string? gitRef = null, after = null;
                int? total = null;
                if (kind is "push" or "tag_push")
                {
                    gitRef = String(root, "ref", required: true);
                    after = String(root, "after", required: true);
                    String(root, "before", required: false);
                    if (!IsObjectId(after!))
                    {
                        throw new PayloadException($"field 'after' must be a commit id (40 or 64 hex digits), found '{Clip(after!)}'");
                    }

                    total = (int?)Long(root, "total_commits_count");
                    if (root.TryGetProperty("commits", out var commits) && commits.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
                    {
                        throw new PayloadException($"field 'commits' must be an array, found {Describe(commits)}");
                    }

                    if (projectName is null && urls.Count == 0)
                    {
                        throw new PayloadException("field 'project' is missing: a push names its project");
                    }
                }

                return new Payload(kind, gitRef, after, total, projectName, projectId, urls) { Pusher = String(root, "user_username", required: false) };
            }
        }

        private static string? String(JsonElement obj, string name, bool required, string prefix = "")
        {
            if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return required ? throw new PayloadException($"field '{prefix}{name}' is missing") : null;
            }

            return value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw new PayloadException($"field '{prefix}{name}' must be a string, found {Describe(value)}");
        }

        private static long? Long(JsonElement obj, string name, string prefix = "")
        {
            if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
                ? number
                : throw new PayloadException($"field '{prefix}{name}' must be an integer, found {Describe(value)}");
        }

        private static bool IsObjectId(string value) => value.Length is 40 or 64 && value.All(char.IsAsciiHexDigit);

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };

        private static string Clip(string value) => value.Length <= 80 ? value : value[..80] + "...";
    }

    /// <summary>
    /// A repository URL reduced to host and path, lower-case, without scheme, credentials, port,
    /// <c>.git</c> or trailing slash: <c>https://GitLab.example.com/group/app.git/</c>,
    /// <c>git@gitlab.example.com:group/app.git</c> and <c>ssh://git@gitlab.example.com:22/group/app</c>
    /// are all <c>gitlab.example.com/group/app</c>. A local path stays a path.
    /// </summary>
    public static string NormalizeUrl(string url)
    {
        var value = url.Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ssh" or "git")
        {
            value = uri.Host + uri.AbsolutePath;
        }
        else if (value.IndexOf('@') is var at and >= 0 && value.IndexOf(':', at) is var colon and > 0 && !value.StartsWith('/'))
        {
            value = value[(at + 1)..colon] + "/" + value[(colon + 1)..];
        }

        value = value.TrimEnd('/');
        if (value.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            value = value[..^4];
        }

        return value.TrimEnd('/').ToLowerInvariant();
    }

    private sealed class PayloadException : Exception
    {
        public PayloadException(string message)
            : base(message)
        {
        }
    }
}
