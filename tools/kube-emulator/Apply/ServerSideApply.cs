using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Http;

namespace KubeEmulator.Apply;

/// <summary>
/// Server-side apply over JSON trees: conflict detection against other managers, merge of the
/// applied configuration, removal of fields the manager stopped applying, and the managedFields
/// bookkeeping. Works without OpenAPI schemas (see <see cref="Schema.ObjectSchema"/>).
/// </summary>
internal static class ServerSideApply
{
    /// <summary>
    /// Applies <paramref name="applied"/> onto <paramref name="live"/> (null when creating) and returns
    /// the merged object with its managedFields updated. Throws a 409 Status on conflicts unless forced.
    /// </summary>
    public static JsonObject Apply(
        ApiResource resource, string name, JsonObject? live, JsonObject applied, string manager, bool force, string time)
    {
        var entries = ManagedFieldsEntry.Read(live);
        var appliedSet = FieldSetBuilder.FromObject(applied);
        var appliedPrefixes = appliedSet.PrefixKeys();
        var self = entries.FirstOrDefault(e => e.SameIdentity(manager, "Apply"));
        var previous = self?.Fields ?? new FieldSet();

        var conflicts = new List<FieldConflict>();
        foreach (var other in entries.Where(e => !ReferenceEquals(e, self)))
        {
            foreach (var path in appliedSet.Intersect(other.Fields).Paths)
            {
                if (!appliedPrefixes.Contains(path.Key) && Differs(applied, live, path))
                {
                    conflicts.Add(new FieldConflict(other, path));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            throw ConflictError(resource, name, conflicts);
        }

        foreach (var conflict in conflicts)
        {
            conflict.Owner.Fields.Remove(conflict.Path);
        }

        var result = live?.DeepClone() as JsonObject ?? new JsonObject();
        var others = new FieldSet(entries.Where(e => !ReferenceEquals(e, self)).SelectMany(e => e.Fields.Paths));
        var kept = appliedSet.Union(others);
        var keptPrefixes = kept.PrefixKeys();
        foreach (var path in previous.Except(kept).Paths.OrderBy(p => p.Depth))
        {
            if (!keptPrefixes.Contains(path.Key))
            {
                PathNavigator.Remove(result, path);
            }
        }

        var body = (JsonObject)applied.DeepClone();
        body.Remove("status");
        (body["metadata"] as JsonObject)?.Remove("managedFields");
        ApplyMerger.Merge(result, body, "");

        if (self is null)
        {
            self = new ManagedFieldsEntry { Manager = manager, Operation = "Apply" };
            entries.Add(self);
        }

        self.Fields = appliedSet;
        self.ApiVersion = resource.ApiVersion;
        self.Time = time;
        ManagedFieldsEntry.Write(result, entries);
        return result;
    }

    private static bool Differs(JsonObject applied, JsonObject? live, FieldPath path)
    {
        if (!PathNavigator.TryResolve(live, path, out var liveValue))
        {
            return false;
        }

        PathNavigator.TryResolve(applied, path, out var appliedValue);
        if (appliedValue is JsonObject && liveValue is JsonObject && path.Elements[^1] is var last && !last.StartsWith("f:", StringComparison.Ordinal))
        {
            return false;
        }

        return !JsonNode.DeepEquals(appliedValue, liveValue);
    }

    private static KubeStatusException ConflictError(ApiResource resource, string name, List<FieldConflict> conflicts)
    {
        var causes = new JsonArray();
        foreach (var conflict in conflicts)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = $"conflict with {conflict.Owner.Describe()}",
                ["field"] = conflict.Path.ToString(),
            });
        }

        string detail;
        if (conflicts.Count == 1)
        {
            detail = $"conflict with {conflicts[0].Owner.Describe()}: {conflicts[0].Path}";
        }
        else
        {
            // As structured-merge-diff prints them: managers sorted, each followed by its paths.
            detail = "conflicts with" + string.Concat(conflicts
                .GroupBy(c => c.Owner.Describe())
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => " " + g.Key + ":" + string.Concat(g.Select(c => c.Path.ToString()).Order(StringComparer.Ordinal).Select(p => "\n- " + p))));
        }

        var plural = conflicts.Count == 1 ? "" : "s";
        return KubeErrors.Conflict(resource, name, $"Apply failed with {conflicts.Count} conflict{plural}: {detail}", causes);
    }
}
