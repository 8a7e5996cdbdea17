using System.Text.Json.Nodes;

namespace KubeEmulator.Apply;

/// <summary>
/// Field ownership for non-apply writes (create, update, patch): the writer's <c>Update</c> entry
/// gains the fields it changed, which other managers lose; fields that disappeared are owned by no one.
/// </summary>
internal static class UpdateOwnership
{
    public static void Track(JsonObject? old, JsonObject updated, string manager, string apiVersion, string time, string? subresource = null)
    {
        var entries = ManagedFieldsEntry.Read(old);
        var oldSet = FieldSetBuilder.FromObject(old, includeMaps: true);
        var newSet = FieldSetBuilder.FromObject(updated, includeMaps: true);
        var newPrefixes = newSet.PrefixKeys();
        var changed = new FieldSet();
        foreach (var path in newSet.Paths)
        {
            if (!oldSet.Contains(path))
            {
                changed.Add(path);
            }
            else if (!newPrefixes.Contains(path.Key))
            {
                PathNavigator.TryResolve(old, path, out var before);
                PathNavigator.TryResolve(updated, path, out var after);
                if (!JsonNode.DeepEquals(before, after))
                {
                    changed.Add(path);
                }
            }
        }

        var removed = oldSet.Except(newSet);
        foreach (var entry in entries)
        {
            entry.Fields = entry.Fields.Except(changed).Except(removed);
        }

        if (changed.Count > 0)
        {
            var self = entries.FirstOrDefault(e => e.SameIdentity(manager, "Update", subresource));
            if (self is null)
            {
                self = new ManagedFieldsEntry { Manager = manager, Operation = "Update", Subresource = subresource };
                entries.Add(self);
            }

            self.Fields = self.Fields.Union(changed);
            self.ApiVersion = apiVersion;
            self.Time = time;
        }

        ManagedFieldsEntry.Write(updated, entries);
    }
}
