using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// <c>configMapGenerator</c> and <c>secretGenerator</c>: builds the objects from literals, files and
/// env files, applies generator options, and merges them into the resources by behavior.
/// </summary>
internal sealed class ConfigMapSecretGenerator
{
    private readonly KustomizationFiles _files;
    private readonly Kustomization _k;

    private readonly bool _fromConfig;

    /// <param name="fromConfig">The entries come from a <c>generators:</c> config (its name is part of the origin).</param>
    public ConfigMapSecretGenerator(KustomizationFiles files, Kustomization k, bool fromConfig = false)
    {
        _files = files;
        _k = k;
        _fromConfig = fromConfig;
    }

    public void Run(ResourceMap map)
    {
        foreach (var args in _k.ConfigMapGenerator)
        {
            Absorb(map, Generate(args, isSecret: false), args);
        }

        foreach (var args in _k.SecretGenerator)
        {
            Absorb(map, Generate(args, isSecret: true), args);
        }
    }

    private KResource Generate(GeneratorArgs args, bool isSecret)
    {
        var options = MergeOptions(args.Options, _k.GeneratorOptions);
        var pairs = new KeyValueSources(_files, _k, args).Collect();
        var metadata = new JsonObject { ["name"] = args.Name };
        if (!string.IsNullOrEmpty(args.Namespace))
        {
            metadata["namespace"] = args.Namespace;
        }

        if (options.Labels.Count > 0)
        {
            metadata["labels"] = ToObject(options.Labels);
        }

        if (options.Annotations.Count > 0)
        {
            metadata["annotations"] = ToObject(options.Annotations);
        }

        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = isSecret ? "Secret" : "ConfigMap",
            ["metadata"] = metadata,
        };
        var data = new JsonObject();
        var binary = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            if (isSecret)
            {
                data[key] = WrappedBase64(value);
            }
            else if (IsUtf8(value))
            {
                data[key] = Encoding.UTF8.GetString(value);
            }
            else
            {
                binary[key] = WrappedBase64(value);
            }
        }

        if (data.Count > 0 || isSecret)
        {
            // Kustomize always gives a generated Secret a data map, even an empty one.
            body["data"] = data;
        }

        if (binary.Count > 0)
        {
            body["binaryData"] = binary;
        }

        if (isSecret)
        {
            body["type"] = string.IsNullOrEmpty(args.Type) ? "Opaque" : args.Type;
        }

        if (options.Immutable)
        {
            body["immutable"] = true;
        }

        return new KResource(body, _k.File)
        {
            NeedsHash = !options.DisableNameSuffixHash,
            Behavior = args.Behavior,
            GeneratedBy = (isSecret ? "SecretGenerator" : "ConfigMapGenerator", _fromConfig ? args.Name : null),
        };
    }

    private void Absorb(ResourceMap map, KResource generated, GeneratorArgs args)
    {
        var id = generated.CurrentId;
        var matches = map.MatchAnyId(id.Name, other => other.SameAs(id));
        if (matches.Count == 0)
        {
            if (args.Behavior != "create")
            {
                throw RenderException.At(_k.File, args.Line, $"{id} does not exist; cannot {args.Behavior} it (behavior: {args.Behavior})");
            }

            map.Add(generated, _k.File);
            return;
        }

        if (matches.Count > 1)
        {
            throw RenderException.At(_k.File, args.Line, $"{id} matches more than one resource: {string.Join(", ", matches)}");
        }

        var old = matches[0];
        if (args.Behavior == "create")
        {
            throw RenderException.At(_k.File, args.Line, $"{id} already exists (from {old.SourceFile}); use behavior merge or replace");
        }

        if (args.Behavior == "merge")
        {
            MergeMap(generated.Body, old.Body, "data");
            MergeMap(generated.Body, old.Body, "binaryData");
        }

        CopyMergeMetadata(generated, old);
        generated.Vars = old.Vars;
        map.Replace(old, generated);
    }

    /// <summary>Keeps the old object's name, namespace and history; labels and annotations merge, new winning.</summary>
    private static void CopyMergeMetadata(KResource generated, KResource old)
    {
        var meta = generated.Metadata();
        var oldMeta = old.Metadata();
        foreach (var field in new[] { "labels", "annotations" })
        {
            var merged = new JsonObject();
            foreach (var source in new[] { oldMeta[field], meta[field] })
            {
                if (source is JsonObject o)
                {
                    foreach (var (k, v) in o)
                    {
                        merged[k] = v?.DeepClone();
                    }
                }
            }

            if (merged.Count > 0)
            {
                meta[field] = merged;
            }
        }

        meta["name"] = old.Name;
        if (old.Namespace.Length > 0)
        {
            meta["namespace"] = old.Namespace;
        }
        else
        {
            meta.Remove("namespace");
        }

        generated.PreviousIds.AddRange(old.PreviousIds);
        generated.Prefixes.AddRange(old.Prefixes);
        generated.Suffixes.AddRange(old.Suffixes);
        generated.NeedsHash |= old.NeedsHash;
    }

    private static void MergeMap(JsonObject into, JsonObject from, string field)
    {
        if (from[field] is not JsonObject old || old.Count == 0)
        {
            return;
        }

        var merged = new JsonObject();
        foreach (var (k, v) in old)
        {
            merged[k] = v?.DeepClone();
        }

        if (into[field] is JsonObject fresh)
        {
            foreach (var (k, v) in fresh)
            {
                merged[k] = v?.DeepClone();
            }
        }

        into[field] = merged;
    }

    /// <summary>Kustomize's MergeGlobalOptionsIntoLocal: a generator's own labels/annotations win over the global ones.</summary>
    private static GeneratorOptions MergeOptions(GeneratorOptions? local, GeneratorOptions? global)
    {
        var labels = new List<KeyValuePair<string, string>>(global?.Labels ?? []);
        var annotations = new List<KeyValuePair<string, string>>(global?.Annotations ?? []);
        if (local is not null)
        {
            Override(labels, local.Labels);
            Override(annotations, local.Annotations);
        }

        return new GeneratorOptions(labels, annotations,
            (local?.DisableNameSuffixHash ?? false) || (global?.DisableNameSuffixHash ?? false),
            (local?.Immutable ?? false) || (global?.Immutable ?? false));
    }

    private static void Override(List<KeyValuePair<string, string>> into, List<KeyValuePair<string, string>> from)
    {
        foreach (var pair in from)
        {
            into.RemoveAll(p => p.Key == pair.Key);
            into.Add(pair);
        }
    }

    private static JsonObject ToObject(List<KeyValuePair<string, string>> pairs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in pairs)
        {
            o[k] = v;
        }

        return o;
    }

    /// <summary>
    /// Secret data as Kustomize writes it: base64 broken into 70-character lines, each ending in a
    /// newline, once the encoding reaches 70 characters.
    /// </summary>
    internal static string WrappedBase64(byte[] value)
    {
        const int lineLength = 70;
        var encoded = Convert.ToBase64String(value);
        if (encoded.Length / lineLength + 1 <= 1)
        {
            return encoded;
        }

        var sb = new StringBuilder(encoded.Length + (encoded.Length / lineLength) + 1);
        for (var i = 0; i < encoded.Length; i += lineLength)
        {
            sb.Append(encoded, i, Math.Min(lineLength, encoded.Length - i)).Append('\n');
        }

        return sb.ToString();
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
