using System.Text.Json.Nodes;

namespace GitOps.Core.Apply;

/// <summary>Reads a server-side apply conflict (409 with <c>FieldManagerConflict</c> causes) into "manager: fields".</summary>
public static class ConflictDetails
{
    /// <summary>
    /// <c>conflict with "kubectl-edit": .spec.replicas, .spec.template.spec.containers[name="web"].image</c>,
    /// one clause per manager; null when <paramref name="status"/> names no field conflict.
    /// </summary>
    public static string? Describe(JsonObject? status)
    {
        var causes = (status?["details"]?["causes"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(c => (string?)c["reason"] == "FieldManagerConflict")
            .Select(c => (Manager: Manager((string?)c["message"]), Field: (string?)c["field"] ?? "?"))
            .ToList();
        if (causes.Count == 0)
        {
            return null;
        }

        return string.Join("; ", causes
            .GroupBy(c => c.Manager, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"conflict with {g.Key}: {string.Join(", ", g.Select(c => c.Field).Distinct(StringComparer.Ordinal))}"));
    }

    /// <summary>The quoted manager of a cause message (<c>conflict with "kubectl-edit" using apps/v1</c>).</summary>
    private static string Manager(string? message)
    {
        if (message is null)
        {
            return "another manager";
        }

        var start = message.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        return end > start ? message[start..(end + 1)] : message;
    }
}
