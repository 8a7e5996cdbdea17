using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Patches;

/// <summary>
/// A kustomize patch <c>target:</c> selector. <see cref="Group"/>, <see cref="Version"/>, <see cref="Kind"/>,
/// <see cref="Name"/> and <see cref="Namespace"/> are regular expressions anchored at both ends
/// (<c>web</c> does not match <c>web-2</c>; <c>web.*</c> does); unset or empty fields match everything.
/// A namespace selector sees <c>default</c> for objects without a namespace (never for cluster-scoped
/// kinds). <see cref="LabelSelector"/> and <see cref="AnnotationSelector"/> use <see cref="Patches.LabelSelector"/> syntax.
/// Invalid expressions throw <see cref="FormatException"/> naming the field.
/// </summary>
public sealed record PatchTarget
{
    public string? Group { get; init; }

    public string? Version { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    public string? AnnotationSelector { get; init; }

    /// <summary>Whether <paramref name="obj"/>, with its current name and namespace, is selected.</summary>
    public bool Matches(JsonObject obj) => Matches(obj, originalName: null, originalNamespace: null);

    /// <summary>
    /// Whether <paramref name="obj"/> is selected. As kustomize does, the name and namespace match when
    /// either the current ones or the original ones (before name prefixes, suffixes and namespace changes
    /// of this kustomization's bases) match; pass null for an original that is not known.
    /// </summary>
    public bool Matches(JsonObject obj, string? originalName, string? originalNamespace)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = Text(obj["apiVersion"]);
        var slash = apiVersion.IndexOf('/');
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        var kind = Text(obj["kind"]);
        var metadata = obj["metadata"] as JsonObject;
        var name = Text(metadata?["name"]);
        var ns = Text(metadata?["namespace"]);

        if (!Like(nameof(Group), Group, group) || !Like(nameof(Version), Version, version) || !Like(nameof(Kind), Kind, kind))
        {
            return false;
        }

        if (!Like(nameof(Name), Name, name) && (originalName is null || !Like(nameof(Name), Name, originalName)))
        {
            return false;
        }

        var effective = ClusterScopedKinds.EffectiveNamespace(kind, ns);
        if (!Like(nameof(Namespace), Namespace, effective)
            && (originalNamespace is null || !Like(nameof(Namespace), Namespace, ClusterScopedKinds.EffectiveNamespace(kind, originalNamespace))))
        {
            return false;
        }

        return Selects(LabelSelector, metadata?["labels"]) && Selects(AnnotationSelector, metadata?["annotations"]);
    }

    /// <summary>kustomize's description of the selector, for "no target matched" errors.</summary>
    public override string ToString()
    {
        var parts = new[]
        {
            ("group", Group), ("version", Version), ("kind", Kind), ("name", Name), ("namespace", Namespace),
            ("labelSelector", LabelSelector), ("annotationSelector", AnnotationSelector),
        };
        return string.Join(", ", parts.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={p.Item2}"));
    }

    private static bool Like(string field, string? pattern, string value)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return true;
        }

        try
        {
            return Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"patch target {field} '{pattern}' is not a valid regular expression: {ex.Message}", ex);
        }
    }

    private static bool Selects(string? selector, JsonNode? map)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return true;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                values[key] = JsonNodeText.ScalarText(value) ?? string.Empty;
            }
        }

        return Patches.LabelSelector.Parse(selector)(values);
    }

    private static string Text(JsonNode? node) => JsonNodeText.ScalarText(node) ?? string.Empty;
}
