using System.Text.Json.Nodes;

namespace GitOps.Rendering.Patches;

/// <summary>
/// Merges a list of maps by its merge keys the way kustomize's kyaml does with prepending patches:
/// patch elements come first, in patch order, merged with the target element of the same key; target
/// elements the patch does not name follow in their order. With several keys (ports: port and protocol)
/// a key no element sets is ignored; when one is set somewhere, matched target elements keep their
/// target order after the patch's new elements, and a patch element must agree on every key it shares
/// with the target element (kyaml's rule, which drops a patch port without protocol against a target
/// port with one). Element directives: <c>$patch: delete</c> removes the element; <c>$patch: replace</c>
/// adds it when new and leaves an existing one unchanged (as kustomize does). kyaml quirks kept: an
/// element without any merge key deletes every element that has the key and has not been merged yet;
/// when the target has no list, the patch list merges into itself.
/// </summary>
internal static class AssociativeListMerger
{
    /// <summary>
    /// Merges <paramref name="origin"/> into <paramref name="dest"/>; both may be the same list (the patch's
    /// list standing in for an absent or replaced target list, as in kyaml). Returns a new list.
    /// </summary>
    public static JsonArray Merge(JsonArray dest, JsonArray origin, MergeField field, string path)
    {
        var keys = field.Keys;
        var destElements = new List<JsonObject>();
        var destOthers = new List<JsonNode?>();
        foreach (var item in dest)
        {
            if (item is JsonObject element)
            {
                destElements.Add(element);
            }
            else if (!ReferenceEquals(dest, origin))
            {
                destOthers.Add(item);
            }
        }

        var patchElements = destElements;
        if (!ReferenceEquals(dest, origin))
        {
            patchElements = [];
            foreach (var item in origin)
            {
                patchElements.Add(item as JsonObject
                    ?? throw new StrategicMergeException($"{path}: list elements must be maps merged by {string.Join(", ", keys)}, found {item?.ToJsonString() ?? "null"}"));
            }
        }

        var tuples = KeyTuples(patchElements, destElements, keys);
        var validKeys = Enumerable.Range(0, keys.Count).Where(i => tuples.Any(t => t[i].Length > 0)).ToList();
        if (validKeys.Count == 0)
        {
            validKeys = [.. Enumerable.Range(0, keys.Count)];
        }

        var validKeyNames = validKeys.Select(i => keys[i]).ToList();
        var items = new List<JsonObject>();
        foreach (var tuple in tuples)
        {
            var validValues = validKeys.Select(i => tuple[i]).ToList();
            var lookup = validKeys.Where(i => tuple[i].Length > 0).ToList();
            if (lookup.Count == 0)
            {
                lookup = validKeys;
            }

            var lookupKeys = lookup.Select(i => keys[i]).ToList();
            var lookupValues = lookup.Select(i => tuple[i]).ToList();
            var destElement = destElements.Find(e => MatchesExactly(e, lookupKeys, lookupValues));
            var patchElement = patchElements.Find(e => MatchesExactly(e, lookupKeys, lookupValues));
            var elementPath = $"{path}[{string.Join(",", lookupKeys.Zip(lookupValues, (k, v) => $"{k}={v}"))}]";
            var merged = patchElement is null ? destElement : StrategicMerger.WalkMap(destElement, patchElement, field.Type, elementPath);
            if (merged is null || merged.Count == 0)
            {
                SetElement(destElements, null, validKeyNames, validValues);
                continue;
            }

            for (var k = 0; k < validKeys.Count; k++)
            {
                if (!merged.ContainsKey(validKeyNames[k]) && validValues[k].Length > 0)
                {
                    merged[validKeyNames[k]] = JsonNodeText.FromScalarText(validValues[k]);
                }
            }

            SetElement(items, merged, validKeyNames, validValues);
        }

        foreach (var element in destElements)
        {
            AppendTargetElement(items, element, validKeyNames);
        }

        var result = new JsonArray();
        foreach (var node in items.Cast<JsonNode>().Concat(destOthers.OfType<JsonNode>()))
        {
            result.Add(node.Parent is null ? node : node.DeepClone());
        }

        return result;
    }

    /// <summary>The merge-key values of every element, patch first, without repeats; then kyaml's unification.</summary>
    private static List<string[]> KeyTuples(List<JsonObject> patch, List<JsonObject> dest, IReadOnlyList<string> keys)
    {
        var tuples = new List<string[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in patch.Concat(dest))
        {
            var tuple = keys.Select(k => JsonNodeText.ScalarText(element[k]) ?? string.Empty).ToArray();
            if (!seen.Add(string.Join("\u0000", tuple)))
            {
                continue;
            }

            tuples.Add(tuple);
        }

        if (keys.Count > 1)
        {
            Unify(tuples);
        }

        return tuples;
    }

    /// <summary>
    /// Two tuples that share a value and differ only where one is empty (port 80 with and without
    /// protocol) become the same, filled-in tuple.
    /// </summary>
    private static void Unify(List<string[]> tuples)
    {
        for (var i = 0; i < tuples.Count; i++)
        {
            var first = tuples[i];
            for (var j = 0; j < tuples.Count; j++)
            {
                if (TryUnify(first, tuples[j], out var unified))
                {
                    tuples[i] = unified;
                    tuples[j] = unified;
                }
            }
        }
    }

    private static bool TryUnify(string[] a, string[] b, out string[] unified)
    {
        unified = new string[a.Length];
        var common = false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                common = true;
                unified[i] = a[i];
            }
            else if (a[i].Length > 0 && b[i].Length > 0)
            {
                return false;
            }
            else
            {
                unified[i] = a[i].Length > 0 ? a[i] : b[i];
            }
        }

        return common;
    }

    /// <summary>Every key present with exactly the value (kyaml's element lookup).</summary>
    private static bool MatchesExactly(JsonObject element, List<string> keys, List<string> values)
        => keys.Select((k, i) => element.TryGetPropertyValue(k, out var node) && node is not null && JsonNodeText.ScalarText(node) == values[i]).All(b => b);

    /// <summary>
    /// kyaml's element setter: elements matching the first min(keys, values) keys (an empty value matches
    /// any present field) are replaced by <paramref name="element"/>, or removed when it is null; it is
    /// appended when nothing matched. With no values nothing matches and every other element is dropped.
    /// Empty elements are always dropped.
    /// </summary>
    private static void SetElement(List<JsonObject> items, JsonObject? element, IReadOnlyList<string> keys, IReadOnlyList<string> values)
    {
        var result = new List<JsonObject>(items.Count + 1);
        var matched = false;
        foreach (var item in items)
        {
            if (item.Count == 0)
            {
                continue;
            }

            if (!SetterMatches(item, keys, values))
            {
                if (values.Count > 0)
                {
                    result.Add(item);
                }

                continue;
            }

            matched = true;
            if (element is not null)
            {
                result.Add(element);
            }
        }

        if (element is not null && !matched)
        {
            result.Add(element);
        }

        items.Clear();
        items.AddRange(result);
    }

    private static bool SetterMatches(JsonObject item, IReadOnlyList<string> keys, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < Math.Min(keys.Count, values.Count); i++)
        {
            if (!item.TryGetPropertyValue(keys[i], out var node) || (values[i].Length > 0 && JsonNodeText.ScalarText(node) != values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// kyaml's final pass over the target's (merged) elements, with its quirks: with one key an element
    /// replaces its counterpart in place, and one without the key leaves only itself; with several keys an
    /// element is moved behind the patch's new elements.
    /// </summary>
    private static void AppendTargetElement(List<JsonObject> items, JsonObject element, List<string> keys)
    {
        var values = new List<string>();
        foreach (var key in keys)
        {
            var text = JsonNodeText.ScalarText(element[key]);
            if (text is null)
            {
                items.Add(element);
                continue;
            }

            values.Add(text);
        }

        if (keys.Count > 1)
        {
            SetElement(items, null, keys, values);
        }

        SetElement(items, element, keys, values);
    }
}
