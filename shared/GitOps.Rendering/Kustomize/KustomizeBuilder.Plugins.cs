namespace GitOps.Rendering.Kustomize;

/// <summary>
/// <c>generators:</c> and <c>transformers:</c> entries that are builtin configs, run after the
/// kustomization's own generators and builtin transformers, in the order listed, as Kustomize runs them.
/// </summary>
internal sealed partial class KustomizeBuilder
{
    private void RunGeneratorConfigs(Kustomization k, ResourceMap map)
    {
        foreach (var plugin in LoadPlugins(k, k.Generators, KustomizationParser.GeneratorKinds))
        {
            new ConfigMapSecretGenerator(_files, plugin.Settings, fromConfig: true).Run(map);
        }
    }

    private void RunTransformerConfigs(Kustomization k, ResourceMap map)
    {
        foreach (var plugin in LoadPlugins(k, k.Transformers, KustomizationParser.TransformerKinds))
        {
            if (_recordTransformations)
            {
                // An inline config is configured in the kustomization itself.
                RecordTransformation(map, plugin.Settings.File, plugin.Kind, plugin.Name);
            }

            var s = plugin.Settings;
            var specs = plugin.FieldSpecs ?? [];
            switch (plugin.Kind)
            {
                case "PrefixSuffixTransformer":
                    PrefixSuffixTransformer.Apply(map, s.NamePrefix, s.NameSuffix, specs);
                    break;
                case "LabelTransformer":
                    LabelAnnotationTransformer.Apply(map, s.CommonLabels, specs);
                    break;
                case "AnnotationsTransformer":
                    LabelAnnotationTransformer.Apply(map, s.CommonAnnotations, specs);
                    break;
                case "ImageTagTransformer":
                    ImageTransformer.Apply(map, s, specs);
                    break;
                case "ReplicaCountTransformer":
                    ReplicaTransformer.Apply(map, s, specs);
                    break;
                case "PatchTransformer":
                    new PatchTransformer(_files, s).ApplyPatches(map);
                    break;
                case "HashTransformer":
                    // Kustomize appends the content hash where the config runs; the build's own hashing appends it again at the end.
                    AddHashSuffixes(map);
                    break;
                case "NamespaceTransformer":
                    NamespaceTransformer.ApplyConfig(map, s.Namespace, specs, s.NamespaceUnsetOnly, s.NamespaceSubjects, s.File);
                    break;
                case "ReplacementTransformer":
                    ReplacementTransformer.Apply(map, _files, s);
                    map.Reindex();
                    break;
            }
        }
    }

    private List<BuiltinPlugin> LoadPlugins(Kustomization k, List<PathEntry> entries, IReadOnlySet<string> kinds)
    {
        var result = new List<BuiltinPlugin>();
        foreach (var entry in entries)
        {
            if (entry.Path.Contains('\n', StringComparison.Ordinal))
            {
                result.AddRange(KustomizationParser.ParsePlugins(entry.Path, k.File, k, kinds, _files.Options));
                continue;
            }

            var resolved = _files.Resolve(k, entry.Path, entry.Line);
            if (!_files.Tree.IsFile(resolved) && KustomizationFile.Find(_files.Tree, resolved, k.File) is not null)
            {
                throw RenderException.At(k.File, entry.Line,
                    $"\"{entry.Path}\" is a kustomization: transformer and generator configs from a kustomization are not supported by this renderer; list the config files");
            }

            var (text, path) = _files.ReadInside(k, entry.Path, entry.Line);
            result.AddRange(KustomizationParser.ParsePlugins(text, path, k, kinds, _files.Options));
        }

        return result;
    }
}
