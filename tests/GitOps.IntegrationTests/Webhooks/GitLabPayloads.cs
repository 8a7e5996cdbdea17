using System.Text.Json.Nodes;

namespace GitOps.IntegrationTests.Webhooks;

/// <summary>
/// GitLab webhook deliveries shaped as GitLab sends them (the push, tag push and merge request
/// event payloads of GitLab's webhook events reference, with every top-level field present).
/// </summary>
public static class GitLabPayloads
{
    public const string ZeroCommit = "0000000000000000000000000000000000000000";

    /// <summary>A project block as GitLab writes it (also repeated in <c>repository</c>).</summary>
    public static JsonObject Project(string pathWithNamespace, string gitHttpUrl, long id = 15) => new()
    {
        ["id"] = id,
        ["name"] = pathWithNamespace.Split('/')[^1],
        ["description"] = "Config repository",
        ["web_url"] = "https://gitlab.example.com/" + pathWithNamespace,
        ["avatar_url"] = null,
        ["git_ssh_url"] = $"git@gitlab.example.com:{pathWithNamespace}.git",
        ["git_http_url"] = gitHttpUrl,
        ["namespace"] = pathWithNamespace.Split('/')[0],
        ["visibility_level"] = 0,
        ["path_with_namespace"] = pathWithNamespace,
        ["default_branch"] = "main",
        ["ci_config_path"] = null,
        ["homepage"] = "https://gitlab.example.com/" + pathWithNamespace,
        ["url"] = $"git@gitlab.example.com:{pathWithNamespace}.git",
        ["ssh_url"] = $"git@gitlab.example.com:{pathWithNamespace}.git",
        ["http_url"] = gitHttpUrl,
    };

    /// <summary>A push event. <paramref name="commits"/> lists at most 20 (as GitLab does); <paramref name="total"/> is the real count.</summary>
    public static JsonObject Push(JsonObject project, string gitRef, string before, string after, IReadOnlyList<string> commits, int? total = null)
    {
        var listed = new JsonArray();
        foreach (var sha in commits.TakeLast(20))
        {
            listed.Add(new JsonObject
            {
                ["id"] = sha,
                ["message"] = "Update the config\n",
                ["title"] = "Update the config",
                ["timestamp"] = "2026-12-05T10:00:00+00:00",
                ["url"] = $"{project["web_url"]}/-/commit/{sha}",
                ["author"] = new JsonObject { ["name"] = "Jordi Mon", ["email"] = "jordi@example.com" },
                ["added"] = new JsonArray(),
                ["modified"] = new JsonArray("apps/a/config.yaml"),
                ["removed"] = new JsonArray(),
            });
        }

        return new JsonObject
        {
            ["object_kind"] = gitRef.StartsWith("refs/tags/", StringComparison.Ordinal) ? "tag_push" : "push",
            ["event_name"] = gitRef.StartsWith("refs/tags/", StringComparison.Ordinal) ? "tag_push" : "push",
            ["before"] = before,
            ["after"] = after,
            ["ref"] = gitRef,
            ["ref_protected"] = true,
            ["checkout_sha"] = after == ZeroCommit ? null : after,
            ["message"] = null,
            ["user_id"] = 4,
            ["user_name"] = "John Smith",
            ["user_username"] = "jsmith",
            ["user_email"] = "john@example.com",
            ["user_avatar"] = "https://s.gravatar.com/avatar/d4c74594d841139328695756648b6bd6?s=8://s.gravatar.com/avatar/d4c74594d841139328695756648b6bd6?s=80",
            ["project_id"] = (long)project["id"]!,
            ["project"] = project.DeepClone(),
            ["repository"] = new JsonObject
            {
                ["name"] = project["name"]!.DeepClone(),
                ["url"] = project["url"]!.DeepClone(),
                ["description"] = project["description"]!.DeepClone(),
                ["homepage"] = project["homepage"]!.DeepClone(),
                ["git_http_url"] = project["git_http_url"]!.DeepClone(),
                ["git_ssh_url"] = project["git_ssh_url"]!.DeepClone(),
                ["visibility_level"] = 0,
            },
            ["commits"] = listed,
            ["total_commits_count"] = total ?? commits.Count,
        };
    }

    /// <summary>A merge request event (opened), which plans nothing.</summary>
    public static JsonObject MergeRequest(JsonObject project) => new()
    {
        ["object_kind"] = "merge_request",
        ["event_type"] = "merge_request",
        ["user"] = new JsonObject { ["id"] = 1, ["name"] = "Administrator", ["username"] = "root" },
        ["project"] = project.DeepClone(),
        ["object_attributes"] = new JsonObject
        {
            ["id"] = 99,
            ["iid"] = 1,
            ["target_branch"] = "main",
            ["source_branch"] = "feature",
            ["state"] = "opened",
            ["action"] = "open",
            ["title"] = "Scale web",
        },
        ["labels"] = new JsonArray(),
        ["changes"] = new JsonObject(),
        ["repository"] = new JsonObject { ["name"] = project["name"]!.DeepClone(), ["url"] = project["url"]!.DeepClone() },
    };
}
