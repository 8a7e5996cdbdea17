using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>One referrer field being fixed.</summary>
internal sealed class NameReferenceVisit
{
    private readonly NameReferenceFixer _fixer;
    private readonly KResource _referrer;
    private readonly NameReference _reference;
    private readonly FieldSpec _spec;
    private readonly string _file;
    private readonly ResId _referrerId;
    private readonly HashSet<string> _roleBindingNamespaces;

    public NameReferenceVisit(NameReferenceFixer fixer, KResource referrer, NameReference reference, FieldSpec spec, string file)
    {
        _fixer = fixer;
        _referrer = referrer;
        _reference = reference;
        _spec = spec;
        _file = file;
        _referrerId = referrer.CurrentId;
        _roleBindingNamespaces = RoleBindingNamespaces(referrer);
    }

    public void Run() => FieldWalker.Walk(_referrer.Body, _spec, Set);

    private void Set(JsonObject parent, string key)
    {
        switch (parent[key])
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                if (SelectScalar(v.GetValue<string>()) is { } name)
                {
                    parent[key] = name;
                }

                break;
            case JsonObject map:
                SetMapping(map);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue item && item.GetValueKind() == JsonValueKind.String)
                    {
                        if (SelectScalar(item.GetValue<string>()) is { } renamed)
                        {
                            array[i] = renamed;
                        }
                    }
                    else if (array[i] is JsonObject element)
                    {
                        SetMapping(element);
                    }
                }

                break;
        }
    }

    private string? SelectScalar(string oldName)
    {
        var referral = Select(Reachable(_fixer.Named(oldName)), sameNamespaceToo: false);
        return referral is null || referral.Name == oldName ? null : referral.Name;
    }

    private void SetMapping(JsonObject map)
    {
        if (map["name"] is not JsonValue nameValue || nameValue.GetValueKind() != JsonValueKind.String)
        {
            return;
        }

        var oldName = nameValue.GetValue<string>();
        var candidates = Reachable(_fixer.Named(oldName));
        if (map["namespace"] is JsonValue nsValue && nsValue.GetValueKind() == JsonValueKind.String)
        {
            // Grouped by effective namespace ("" is "default"), cluster-scoped resources in no group.
            var ns = nsValue.GetValue<string>();
            var byOriginal = candidates.Where(c => EffectiveNamespace(c.OriginalId) == ns).ToList();
            candidates = byOriginal.Count > 0 ? byOriginal : candidates.Where(c => EffectiveNamespace(c.CurrentId) == ns).ToList();
        }

        var referral = Select(candidates, sameNamespaceToo: true);
        if (referral is null || (referral.Name == oldName && referral.Namespace.Length == 0))
        {
            return;
        }

        map["name"] = referral.Name;
        if (referral.Namespace.Length > 0)
        {
            map["namespace"] = referral.Namespace;
        }
    }

    /// <summary>kustomize's SubsetThatCouldBeReferencedByResource.</summary>
    private List<KResource> Reachable(IReadOnlyList<KResource> named)
    {
        if (_referrerId.IsClusterScoped)
        {
            return [.. named];
        }

        return named.Where(t =>
        {
            var tid = t.CurrentId;
            return tid.IsClusterScoped || tid.NamespaceEquals(_referrerId) || _roleBindingNamespaces.Contains(t.Namespace);
        }).ToList();
    }

    private KResource? Select(List<KResource> candidates, bool sameNamespaceToo)
    {
        candidates = candidates.Where(c => c.PreviousIds.Any(p => p.GvkSelectedBy(_reference.Group, _reference.Version, _reference.Kind))).ToList();
        if (_spec.Path.EndsWith("roleRef/name", StringComparison.Ordinal) && _referrer.Body["roleRef"] is JsonObject roleRef
            && roleRef["apiGroup"] is JsonValue g && roleRef["kind"] is JsonValue k)
        {
            var group = g.ToString();
            var kind = k.ToString();
            candidates = candidates.Where(c => c.PreviousIds.Any(p => p.GvkSelectedBy(group, null, kind))).ToList();
        }

        if (!_referrerId.IsClusterScoped)
        {
            candidates = candidates.Where(c => c.CurrentId.IsClusterScoped || c.Kind == "ServiceAccount" || c.CurrentId.NamespaceEquals(_referrerId)).ToList();
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        candidates = candidates.Where(c => SameEnding(c.Prefixes, _referrer.Prefixes) && SameEnding(c.Suffixes, _referrer.Suffixes)).ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var first = candidates[0];
        if (candidates.All(c => c.Name == first.Name && (!sameNamespaceToo || c.Namespace == first.Namespace)))
        {
            return first;
        }

        throw RenderException.At(_file, null,
            $"{_referrerId}: the reference in \"{_spec.Path}\" could be any of {string.Join(", ", candidates.Select(c => c.CurrentId))}");
    }

    private static string? EffectiveNamespace(ResId id)
        => id.IsClusterScoped ? null : id.Namespace.Length == 0 ? "default" : id.Namespace;

    private static bool SameEnding(List<string> a, List<string> b)
    {
        var (shortest, longest) = a.Count <= b.Count ? (a, b) : (b, a);
        var diff = longest.Count - shortest.Count;
        if (shortest.Count == 0)
        {
            return diff == 0;
        }

        for (var i = shortest.Count - 1; i >= 0; i--)
        {
            if (longest[i + diff] != shortest[i])
            {
                return false;
            }
        }

        return true;
    }

    private static HashSet<string> RoleBindingNamespaces(KResource referrer)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (referrer.Kind is "RoleBinding" or "ClusterRoleBinding" && referrer.Body["subjects"] is JsonArray subjects)
        {
            foreach (var s in subjects.OfType<JsonObject>())
            {
                if (ObjectIdentity.GetString(s, "namespace") is { Length: > 0 } ns)
                {
                    set.Add(ns);
                }
            }
        }

        return set;
    }
}
