namespace GitOps.Rendering.Kustomize;

/// <summary>
/// Builds a kustomization directory into objects, as <c>kubectl kustomize</c> (Kustomize v5.5) does:
/// resources (files and nested kustomizations), generators, components, then the transformers in
/// Kustomize's order (patchesStrategicMerge, patches, namespace, prefix/suffix, labels, annotations,
/// patchesJson6902, replicas, images, replacements); at the top, hash suffixes, reference fixing and sorting.
/// </summary>
internal sealed partial class KustomizeBuilder
{
    private readonly KustomizationFiles _files;
    private readonly List<string> _stack = [];
    private readonly List<string> _realStack = [];

    public KustomizeBuilder(SourceTree tree, RenderOptions options, bool strict = false)
    {
        _files = new KustomizationFiles(tree, options, strict);
    }

    /// <summary>The warnings of the last <see cref="Build"/>.</summary>
    public IReadOnlyList<string> Warnings => _files.Warnings;

    public List<RenderedObject> Build(string directory)
    {
        _files.MergeSchemas = null;
        var top = Load(directory, referrer: null, line: null);
        _recordTransformations = top.BuildMetadata.Contains("transformerAnnotations");
        _topDirectory = top.Directory;
        if (top.IsComponent)
        {
            throw RenderException.At(top.File, null, "a Component cannot be built on its own: list it under components of a Kustomization");
        }

        var map = new ResourceMap();
        Accumulate(top, map);
        AddHashSuffixes(map);
        NameReferenceFixer.Fix(map.Items, top.File, map.Config?.NameReference);
        VarResolver.Resolve(map);
        BuildMetadata.Apply(map, top, _files.Tree);
        StringifyAnnotations(map);
        var kept = map.Items.Where(r => !IsLocalConfig(r)).ToList();
        return ResourceSorter.Sort(kept, top.SortOptions).Select(r => r.ToRendered()).ToList();
    }

    /// <summary>
    /// The kustomization's own transformer config: Kustomize's defaults merged with its <c>configurations:</c>
    /// files (each merged into the previous ones first); null when it has none.
    /// </summary>
    private TransformerConfig? LoadConfigurations(Kustomization k)
    {
        if (k.Configurations.Count == 0)
        {
            return null;
        }

        var custom = new TransformerConfig();
        foreach (var entry in k.Configurations)
        {
            var (text, path) = _files.ReadInside(k, entry.Path, entry.Line);
            custom = custom.Merge(KustomizationParser.ParseConfiguration(text, path, _files.Options), path);
        }

        return TransformerConfig.Default.Merge(custom, k.File);
    }

    /// <summary>
    /// Kustomize hands an object's annotations back as a map of strings: a number or boolean in
    /// <c>metadata.annotations</c> comes out quoted (<c>"n": "1"</c>); labels and template annotations keep their type.
    /// </summary>
    private static void StringifyAnnotations(ResourceMap map)
    {
        foreach (var r in map.Items)
        {
            if (r.Body["metadata"] is System.Text.Json.Nodes.JsonObject { } meta && meta["annotations"] is System.Text.Json.Nodes.JsonObject annotations)
            {
                foreach (var (key, value) in annotations.ToList())
                {
                    if (value is System.Text.Json.Nodes.JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
                    {
                        annotations[key] = v.ToJsonString();
                    }
                }
            }
        }
    }

    private static bool IsLocalConfig(KResource r)
        => r.Body["metadata"] is System.Text.Json.Nodes.JsonObject m && m["annotations"] is System.Text.Json.Nodes.JsonObject a
            && ObjectIdentity.GetString(a, "config.kubernetes.io/local-config") == "true";

    private static void AddHashSuffixes(ResourceMap map)
    {
        foreach (var r in map.Items)
        {
            if (r.NeedsHash)
            {
                var hash = NameHasher.Hash(r.Body);
                r.StorePreviousId();
                r.SetName($"{r.Name}-{hash}");
            }
        }

        map.Reindex();
    }

    private Kustomization Load(string directory, string? referrer, int? line)
    {
        var file = KustomizationFile.Find(_files.Tree, directory, referrer);
        if (file is null)
        {
            throw RenderException.At(referrer ?? directory, line,
                $"directory \"{directory}\" has no kustomization.yaml, kustomization.yml or Kustomization");
        }

        return KustomizationParser.Parse(_files.Tree.ReadText(file), file, directory, _files.Options);
    }

    /// <summary>Runs one kustomization (or component) into <paramref name="map"/>.</summary>
    private void Accumulate(Kustomization k, ResourceMap map)
    {
        var real = _files.Tree.RealPathOf(k.Directory);
        var start = _realStack.IndexOf(real);
        if (start >= 0)
        {
            var cycle = string.Join(" -> ", _stack.Skip(start).Append(k.Directory));
            throw RenderException.At(k.File, null, $"cycle between kustomizations: {cycle}");
        }

        _stack.Add(k.Directory);
        _realStack.Add(real);
        try
        {
            UseOpenApi(k);
            AccumulateResources(k, map);
            foreach (var entry in k.Crds)
            {
                // As Kustomize: the crds' config is merged into the accumulator before the kustomization's own.
                var (text, path) = _files.ReadInside(k, entry.Path, entry.Line);
                map.MergeConfig(CrdConfig.Parse(text, path, _files.Options), path);
            }

            map.MergeConfig(LoadConfigurations(k), k.File);
            new ConfigMapSecretGenerator(_files, k).Run(map);
            RunGeneratorConfigs(k, map);
            AccumulateComponents(k, map);
            RunTransformers(k, map);
            if (k.Vars.Count > 0)
            {
                VarResolver.Bind(map, k);
            }
        }
        finally
        {
            _stack.RemoveAt(_stack.Count - 1);
            _realStack.RemoveAt(_realStack.Count - 1);
        }
    }

    /// <summary>
    /// A kustomization's <c>openapi</c> becomes the merge schema of every strategic merge patch that runs
    /// after it in this build (Kustomize holds one schema per build); <c>version</c> may only name the
    /// built-in one.
    /// </summary>
    private void UseOpenApi(Kustomization k)
    {
        if (k.OpenApi is not { } openapi)
        {
            return;
        }

        if (openapi.Path is { Length: > 0 } path)
        {
            var (text, file) = _files.ReadInside(k, path, openapi.Line);
            _files.MergeSchemas = Patches.OpenApiMergeSchemas.Parse(text, file, _files.Options);
        }
        else if (openapi.Version is { Length: > 0 } version)
        {
            if (version != BuiltInOpenApiVersion)
            {
                throw RenderException.At(k.File, openapi.Line, $"openapi version \"{version}\" is not built in (the built-in schema is {BuiltInOpenApiVersion})");
            }

            _files.MergeSchemas = null;
        }
    }

    /// <summary>The Kubernetes version of the built-in merge schema (Kustomize v5.5's).</summary>
    private const string BuiltInOpenApiVersion = "v1.21.2";

    /// <summary>The top kustomization's <c>buildMetadata</c> asks for <c>alpha.config.kubernetes.io/transformations</c>.</summary>
    private bool _recordTransformations;

    private string _topDirectory = string.Empty;

    /// <summary>
    /// <c>transformerAnnotations</c>: every builtin transformer a kustomization configures, in the order
    /// Kustomize runs them, is recorded on every object present when it runs, whether it changed the
    /// object or not (one entry per patch, per image, per replica entry and per labels entry plus one
    /// for the labels transformer itself; one per patchesJson6902 entry; one each for patchesStrategicMerge and replacements).
    /// </summary>
    private void RecordTransformations(Kustomization k, ResourceMap map)
    {
        var kinds = new List<string>();
        if (k.PatchesStrategicMerge.Count > 0)
        {
            kinds.Add("PatchStrategicMergeTransformer");
        }

        kinds.AddRange(k.Patches.Select(_ => "PatchTransformer"));
        if (!string.IsNullOrEmpty(k.Namespace))
        {
            kinds.Add("NamespaceTransformer");
        }

        if (!string.IsNullOrEmpty(k.NamePrefix))
        {
            kinds.Add("PrefixTransformer");
        }

        if (!string.IsNullOrEmpty(k.NameSuffix))
        {
            kinds.Add("SuffixTransformer");
        }

        if (k.CommonLabels.Count > 0 || k.Labels.Count > 0)
        {
            kinds.AddRange(Enumerable.Repeat("LabelTransformer", 1 + k.Labels.Count));
        }

        if (k.CommonAnnotations.Count > 0)
        {
            kinds.Add("AnnotationsTransformer");
        }

        kinds.AddRange(k.PatchesJson6902.Select(_ => "PatchJson6902Transformer"));

        kinds.AddRange(k.Replicas.Select(_ => "ReplicaCountTransformer"));
        kinds.AddRange(k.Images.Select(_ => "ImageTagTransformer"));
        if (k.Replacements.Count > 0)
        {
            kinds.Add("ReplacementTransformer");
        }

        foreach (var kind in kinds)
        {
            RecordTransformation(map, k.File, kind, name: null);
        }
    }

    private void RecordTransformation(ResourceMap map, string configuredIn, string kind, string? name)
    {
        var entry = $"- configuredIn: {Path.GetRelativePath("/" + _topDirectory, "/" + configuredIn).Replace('\\', '/')}\n  configuredBy:\n    apiVersion: builtin\n    kind: {kind}\n"
            + (name is null ? string.Empty : $"    name: {name}\n");
        foreach (var r in map.Items)
        {
            (r.Transformations ??= []).Add(entry);
        }
    }

    private void RunTransformers(Kustomization k, ResourceMap map)
    {
        if (_recordTransformations)
        {
            RecordTransformations(k, map);
        }

        var patches = new PatchTransformer(_files, k);
        patches.ApplyStrategicMerge(map);
        patches.ApplyPatches(map);
        var tc = map.Config;
        NamespaceTransformer.Apply(map, k.Namespace, k.File, tc?.Namespace);
        if (tc is null)
        {
            PrefixSuffixTransformer.Apply(map, k.NamePrefix, k.NameSuffix);
        }
        else
        {
            PrefixSuffixTransformer.ApplyConfigured(map, k.NamePrefix, k.NameSuffix, tc);
        }

        LabelAnnotationTransformer.ApplyLabels(map, k, tc);
        LabelAnnotationTransformer.ApplyAnnotations(map, k, tc);
        patches.ApplyJson6902(map);
        ReplicaTransformer.Apply(map, k, tc?.Replicas);
        ImageTransformer.Apply(map, k, tc?.ImageSpecs);
        if (k.Replacements.Count > 0)
        {
            // A replacement may rename: the indexes follow.
            ReplacementTransformer.Apply(map, _files, k);
            map.Reindex();
        }

        RunTransformerConfigs(k, map);
    }
}
