using GitOps.Rendering.Patches;

namespace GitOps.Rendering.Kustomize;

/// <summary>Patch and generator entries.</summary>
internal static partial class KustomizationParser
{
    private static readonly HashSet<string> TargetKeys = new(StringComparer.Ordinal)
    {
        "group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector",
    };

    private static void ReadPatches(FieldReader r, Kustomization k)
    {
        foreach (var item in r.Objects("patches", " in a patches entry"))
        {
            item.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "path", "patch", "target", "options" });
            var options = new PatchOptions();
            if (item.Object("options", " in patch options") is { } o)
            {
                o.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "allowNameChange", "allowKindChange" });
                options = new PatchOptions { AllowNameChange = o.Bool("allowNameChange"), AllowKindChange = o.Bool("allowKindChange") };
            }

            k.Patches.Add(Patch(item, options));
        }

        var smp = r.Strings("patchesStrategicMerge");
        for (var i = 0; i < smp.Count; i++)
        {
            var text = smp[i];
            var line = r.LineOf((r.Map["patchesStrategicMerge"] as System.Text.Json.Nodes.JsonArray)?[i]) ?? r.LineOf("patchesStrategicMerge");
            var inline = text.Contains('\n', StringComparison.Ordinal) || text.TrimStart().StartsWith('{');
            k.PatchesStrategicMerge.Add(new PatchEntry(inline ? null : text, inline ? text : null, null, new PatchOptions(), line));
        }

        foreach (var item in r.Objects("patchesJson6902", " in a patchesJson6902 entry"))
        {
            item.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "path", "patch", "target" });
            var entry = Patch(item, new PatchOptions());
            if (entry.Target is null)
            {
                throw RenderException.At(item.File, item.Line, "a patchesJson6902 entry needs a target");
            }

            k.PatchesJson6902.Add(entry);
        }
    }

    private static PatchEntry Patch(FieldReader item, PatchOptions options)
    {
        var path = item.String("path");
        var inline = item.String("patch");
        if ((path is null) == (inline is null))
        {
            throw RenderException.At(item.File, item.Line, "a patch needs exactly one of \"path\" and \"patch\"");
        }

        PatchTarget? target = null;
        if (item.Object("target", " in a patch target") is { } t)
        {
            t.CheckKeys(TargetKeys);
            target = new PatchTarget
            {
                Group = t.String("group"),
                Version = t.String("version"),
                Kind = t.String("kind"),
                Name = t.String("name"),
                Namespace = t.String("namespace"),
                LabelSelector = t.String("labelSelector"),
                AnnotationSelector = t.String("annotationSelector"),
            };
        }

        return new PatchEntry(path, inline, target, options, item.Line);
    }

    private static void ReadGenerators(FieldReader r, Kustomization k)
    {
        if (r.Object("generatorOptions", " in generatorOptions") is { } go)
        {
            k.GeneratorOptions = Options(go);
        }

        foreach (var item in r.Objects("configMapGenerator", " in a configMapGenerator entry"))
        {
            k.ConfigMapGenerator.Add(Generator(item, isSecret: false));
        }

        foreach (var item in r.Objects("secretGenerator", " in a secretGenerator entry"))
        {
            k.SecretGenerator.Add(Generator(item, isSecret: true));
        }
    }

    private static GeneratorArgs Generator(FieldReader item, bool isSecret)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { "name", "namespace", "behavior", "literals", "files", "envs", "env", "options" };
        if (isSecret)
        {
            keys.Add("type");
        }

        item.CheckKeys(keys);
        return GeneratorFields(item, isSecret) with { Name = item.RequiredString("name"), Namespace = item.String("namespace") };
    }

    /// <summary>The generator fields besides name and namespace (keys already checked).</summary>
    private static GeneratorArgs GeneratorFields(FieldReader item, bool isSecret)
    {
        var behavior = item.String("behavior") ?? "create";
        if (behavior is not ("create" or "merge" or "replace"))
        {
            throw item.Error("behavior", $"behavior must be create, merge or replace, not \"{behavior}\"");
        }

        var envs = item.Strings("envs");
        if (item.String("env") is { Length: > 0 } env)
        {
            envs.Add(env);
        }

        var options = item.Object("options", " in generator options") is { } o ? Options(o) : null;
        return new GeneratorArgs(string.Empty, null, behavior, item.Strings("literals"),
            item.Strings("files"), envs, options, isSecret ? item.String("type") : null, item.Line);
    }

    private static GeneratorOptions Options(FieldReader o)
    {
        o.CheckKeys(new HashSet<string>(StringComparer.Ordinal) { "labels", "annotations", "disableNameSuffixHash", "immutable" });
        return new GeneratorOptions(o.StringMap("labels"), o.StringMap("annotations"), o.Bool("disableNameSuffixHash"), o.Bool("immutable"));
    }
}
