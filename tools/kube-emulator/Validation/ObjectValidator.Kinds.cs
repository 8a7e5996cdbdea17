using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeEmulator.Api;
using KubeEmulator.Http;
using KubeEmulator.Serialization;

namespace KubeEmulator.Validation;

/// <content>Per-kind rules: the handful the real API server enforces that manifests most often break.</content>
internal static partial class ObjectValidator
{
    private static void ValidateSecret(JsonObject obj, List<FieldError> errors)
    {
        if (obj["data"] is not JsonObject data)
        {
            return;
        }

        foreach (var (key, value) in data)
        {
            if (!DataKeyPattern().IsMatch(key))
            {
                errors.Add(FieldError.Invalid("data", key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
            }

            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (text is null || !IsBase64(text))
            {
                errors.Add(FieldError.InvalidRaw($"data[{key}]", "\"<redacted>\"", "illegal base64 data: Secret data values must be base64 encoded"));
            }
        }
    }

    private static void ValidateConfigMap(JsonObject obj, List<FieldError> errors)
    {
        foreach (var section in new[] { "data", "binaryData" })
        {
            if (obj[section] is not JsonObject data)
            {
                continue;
            }

            foreach (var (key, value) in data)
            {
                if (!DataKeyPattern().IsMatch(key))
                {
                    errors.Add(FieldError.Invalid(section, key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
                }

                if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || (section == "binaryData" && !IsBase64(text)))
                {
                    errors.Add(FieldError.InvalidRaw($"{section}[{key}]", value?.ToJsonString() ?? "null", "must be a string" + (section == "binaryData" ? " of base64 data" : "")));
                }
            }
        }
    }

    private static void ValidateWorkload(ApiResource resource, JsonObject obj, List<FieldError> errors)
    {
        var spec = obj["spec"] as JsonObject;
        if (JsonTree.GetLong(spec, "replicas") is < 0 and var replicas)
        {
            errors.Add(FieldError.InvalidRaw("spec.replicas", replicas.ToString()!, "must be greater than or equal to 0"));
        }

        var matchLabels = spec?["selector"]?["matchLabels"] as JsonObject;
        if (spec?["selector"] is not JsonObject selector || (matchLabels is null or { Count: 0 } && selector["matchExpressions"] is not JsonArray { Count: > 0 }))
        {
            errors.Add(FieldError.Required("spec.selector", ""));
        }
        else if (matchLabels is not null)
        {
            var templateLabels = spec?["template"]?["metadata"]?["labels"] as JsonObject;
            if (matchLabels.Any(p => !JsonNode.DeepEquals(templateLabels?[p.Key], p.Value)))
            {
                var rendered = "map[string]string{" + string.Join(", ", (templateLabels ?? []).Select(p => $"\"{p.Key}\":{p.Value?.ToJsonString()}")) + "}";
                errors.Add(FieldError.InvalidRaw("spec.template.metadata.labels", rendered, "`selector` does not match template `labels`"));
            }
        }

        var containers = spec?["template"]?["spec"]?["containers"] as JsonArray;
        if (containers is null || containers.Count == 0)
        {
            errors.Add(FieldError.Required("spec.template.spec.containers", ""));
            return;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            if (string.IsNullOrEmpty(JsonTree.GetString(containers[i], "name")))
            {
                errors.Add(FieldError.Required($"spec.template.spec.containers[{i}].name", ""));
            }

            if (string.IsNullOrEmpty(JsonTree.GetString(containers[i], "image")) && resource.Kind != "Job")
            {
                errors.Add(FieldError.Required($"spec.template.spec.containers[{i}].image", ""));
            }
        }
    }

    private static void ValidateService(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj["spec"] as JsonObject;
        var type = JsonTree.GetString(spec, "type") ?? "ClusterIP";
        var ports = spec?["ports"] as JsonArray;
        if (type != "ExternalName" && JsonTree.GetString(spec, "clusterIP") != "None" && (ports is null || ports.Count == 0))
        {
            errors.Add(FieldError.Required("spec.ports", ""));
        }

        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            var port = JsonTree.GetLong(ports![i], "port");
            if (port is null)
            {
                errors.Add(FieldError.Required($"spec.ports[{i}].port", ""));
            }
            else if (port is < 1 or > 65535)
            {
                errors.Add(FieldError.InvalidRaw($"spec.ports[{i}].port", port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
            }
        }
    }

    private static void ValidateCrd(JsonObject obj, List<FieldError> errors)
    {
        var name = JsonTree.GetString(obj, "metadata", "name") ?? "";
        var group = JsonTree.GetString(obj, "spec", "group");
        var plural = JsonTree.GetString(obj, "spec", "names", "plural");
        if (string.IsNullOrEmpty(group))
        {
            errors.Add(FieldError.Required("spec.group", ""));
        }

        if (string.IsNullOrEmpty(plural))
        {
            errors.Add(FieldError.Required("spec.names.plural", ""));
        }

        if (string.IsNullOrEmpty(JsonTree.GetString(obj, "spec", "names", "kind")))
        {
            errors.Add(FieldError.Required("spec.names.kind", ""));
        }

        if (!string.IsNullOrEmpty(group) && !string.IsNullOrEmpty(plural) && name != $"{plural}.{group}")
        {
            errors.Add(FieldError.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }

        var scope = JsonTree.GetString(obj, "spec", "scope");
        if (scope is not ("Namespaced" or "Cluster"))
        {
            errors.Add(FieldError.InvalidRaw("spec.scope", $"\"{scope}\"", "supported values: \"Cluster\", \"Namespaced\""));
        }

        var versions = (obj["spec"]?["versions"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (versions.Count == 0)
        {
            errors.Add(FieldError.Required("spec.versions", "must have exactly one version marked as storage version"));
        }
        else if (versions.Count(v => v["storage"]?.GetValue<bool>() == true) != 1)
        {
            errors.Add(FieldError.InvalidRaw("spec.versions", "[]", "must have exactly one version marked as storage version"));
        }
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex DataKeyPattern();
}
