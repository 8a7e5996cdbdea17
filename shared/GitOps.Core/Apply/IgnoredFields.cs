using System.Text.Json.Nodes;
using GitOps.Core.Drift;

namespace GitOps.Core.Apply;

/// <summary>
/// Leaves the app's ignored differences out of what it applies, as Argo CD's
/// <c>RespectIgnoreDifferences</c>: a field under an ignored JSON pointer, or owned by an ignored
/// manager, is dropped from the apply body when another manager owns it live and we do not. So an
/// HPA keeps <c>spec.replicas</c> through syncs and corrections, and a field only we own is never
/// dropped (dropping it would delete it).
/// </summary>
public static class IgnoredFields
{
    public static DesiredObject Omit(DesiredObject obj, DriftRules rules, LiveObject? live)
    {
        if (rules == DriftRules.None || live?.ManagedFields is not { Count: > 0 } managed)
        {
            return obj;
        }

        var owners = FieldOwners.Of(managed);
        var body = obj.Body.DeepClone().AsObject();
        var removed = false;
        foreach (var (key, value) in body.ToList())
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            removed |= Visit(body, key, value, $"/{Escape(key)}", [FieldStep.Named(key)], owners, rules);
        }

        return removed ? new DesiredObject(obj.Ref, obj.Resource, body, obj.SourceFile, obj.DefinedBy) : obj;
    }

    /// <summary>Removes <paramref name="key"/> from <paramref name="parent"/>, or fields below it, where the rules say so; true when anything went.</summary>
    private static bool Visit(JsonObject parent, string key, JsonNode? value, string pointer, IReadOnlyList<FieldStep> steps, FieldOwners owners, DriftRules rules)
    {
        if (pointer is "/metadata/name" or "/metadata/namespace" || pointer.StartsWith("/metadata/labels/" + Escape(Ownership.AppLabel), StringComparison.Ordinal))
        {
            return false;
        }

        if (rules.IsIgnored(pointer) || (value is not JsonObject && value is not JsonArray && OwnedByIgnoredManager(owners.OwnersOf(steps), rules)))
        {
            if (TakenOver(owners.OwnersOf(steps)))
            {
                parent.Remove(key);
                return true;
            }

            return false;
        }

        var removed = false;
        switch (value)
        {
            case JsonObject map:
                foreach (var (child, childValue) in map.ToList())
                {
                    removed |= Visit(map, child, childValue, $"{pointer}/{Escape(child)}", [.. steps, FieldStep.Named(child)], owners, rules);
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonObject item)
                    {
                        foreach (var (child, childValue) in item.ToList())
                        {
                            // A list item's keys (its name) stay: they say which item the rest belongs to.
                            if (child != "name")
                            {
                                removed |= Visit(item, child, childValue, $"{pointer}/{i}/{Escape(child)}", [.. steps, FieldStep.ListItem(item), FieldStep.Named(child)], owners, rules);
                            }
                        }
                    }
                }

                break;
        }

        return removed;
    }

    private static bool OwnedByIgnoredManager(IReadOnlyList<string> owners, DriftRules rules)
        => owners.Any(o => rules.IgnoredManagers.Contains(o, StringComparer.Ordinal));

    /// <summary>Someone owns the field live, and it is not us.</summary>
    private static bool TakenOver(IReadOnlyList<string> owners)
        => owners.Count > 0 && !owners.Contains(Ownership.FieldManager, StringComparer.Ordinal);

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
