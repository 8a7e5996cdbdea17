using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// <c>images:</c> rewrites the image of every container and init container, wherever it sits in the
/// object, and image volume references: new name, new tag, digest, as kustomize does.
/// </summary>
internal static class ImageTransformer
{
    /// <param name="specs">Fields holding images besides containers (default: image volumes), as ImageTagTransformer's fieldSpecs.</param>
    public static void Apply(ResourceMap map, Kustomization k, IReadOnlyList<FieldSpec>? specs = null)
    {
        foreach (var entry in k.Images)
        {
            Regex matcher;
            try
            {
                // As kustomize, the name is used as a regular expression.
                matcher = new Regex("^" + entry.Name + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (ArgumentException e)
            {
                throw RenderException.At(k.File, entry.Line, $"images: name \"{entry.Name}\" is not a valid image name pattern", e);
            }

            foreach (var r in map.Items)
            {
                VisitContainers(r.Body, entry, matcher);
                var id = r.CurrentId;
                foreach (var spec in FieldSpecsFor(entry, specs))
                {
                    if (spec.Selects(id))
                    {
                        FieldWalker.Walk(r.Body, spec, (parent, key) => Update(parent, key, entry, matcher));
                    }
                }
            }
        }
    }

    /// <summary>
    /// The field specs pass after the containers pass. Kustomize's default image field specs also name
    /// the containers of pods and pod templates, so those are updated twice; that shows only with
    /// <c>tagSuffix</c>, which kubectl kustomize v5.5 then appends twice (<c>nginx:1.2-alpine-alpine</c>).
    /// </summary>
    private static IReadOnlyList<FieldSpec> FieldSpecsFor(ImageEntry entry, IReadOnlyList<FieldSpec>? specs)
        => specs ?? (string.IsNullOrEmpty(entry.TagSuffix) ? DefaultFieldSpecs.ImageVolumes : DefaultFieldSpecs.ContainerImagesAndVolumes);

    private static void VisitContainers(JsonNode? node, ImageEntry entry, Regex matcher)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToArray())
                {
                    if (key is "containers" or "initContainers" && value is JsonArray containers)
                    {
                        foreach (var c in containers.OfType<JsonObject>())
                        {
                            Update(c, "image", entry, matcher);
                        }
                    }

                    VisitContainers(value, entry, matcher);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    VisitContainers(item, entry, matcher);
                }

                break;
        }
    }

    private static void Update(JsonObject parent, string key, ImageEntry entry, Regex matcher)
    {
        if (parent[key] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return;
        }

        var image = v.GetValue<string>();
        if (!matcher.IsMatch(image))
        {
            return;
        }

        var (name, tag, digest) = Split(image);
        if (!string.IsNullOrEmpty(entry.NewName))
        {
            name = entry.NewName;
        }

        if (!string.IsNullOrEmpty(entry.NewTag) && !string.IsNullOrEmpty(entry.Digest))
        {
            tag = entry.NewTag;
            digest = entry.Digest;
        }
        else if (!string.IsNullOrEmpty(entry.NewTag))
        {
            tag = entry.NewTag;
            digest = string.Empty;
        }
        else if (!string.IsNullOrEmpty(entry.Digest))
        {
            digest = entry.Digest;
            tag = string.Empty;
        }
        else if (!string.IsNullOrEmpty(entry.TagSuffix))
        {
            tag += entry.TagSuffix;
            digest = string.Empty;
        }

        if (tag.Length > 0)
        {
            name += ":" + tag;
        }

        if (digest.Length > 0)
        {
            name += "@" + digest;
        }

        parent[key] = name;
    }

    /// <summary>Splits <c>[host[:port]/]path[:tag][@digest]</c>.</summary>
    internal static (string Name, string Tag, string Digest) Split(string image)
    {
        var slash = image.IndexOf('/');
        var offset = slash > 0 ? slash : 0;
        var search = image[offset..];
        var at = search.IndexOf('@');
        var colon = search.IndexOf(':');
        if (colon < 0 && at < 0)
        {
            return (image, string.Empty, string.Empty);
        }

        if (at >= 0 && (at < colon || colon < 0))
        {
            return (image[..(at + offset)], string.Empty, image[(at + offset + 1)..]);
        }

        if (at >= 0)
        {
            return (image[..(colon + offset)], image[(colon + offset + 1)..(at + offset)], image[(at + offset + 1)..]);
        }

        return (image[..(colon + offset)], image[(colon + offset + 1)..], string.Empty);
    }
}
