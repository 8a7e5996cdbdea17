using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Http;
using KubeEmulator.Serialization;

namespace KubeEmulator.Validation;

/// <summary>Validates an object about to be stored; a non-empty result is answered as 422 Invalid.</summary>
internal static partial class ObjectValidator
{
    public static void EnsureValid(ApiResource resource, JsonObject obj)
    {
        var errors = Validate(resource, obj);
        if (errors.Count > 0)
        {
            throw KubeErrors.Invalid(resource, JsonTree.GetString(obj, "metadata", "name") ?? "", errors);
        }
    }

    public static List<FieldError> Validate(ApiResource resource, JsonObject obj)
    {
        var errors = new List<FieldError>();
        ValidateMetadata(resource, obj, errors);
        switch (resource.Kind)
        {
            case "Secret" when !resource.IsCustom:
                ValidateSecret(obj, errors);
                break;
            case "ConfigMap" when !resource.IsCustom:
                ValidateConfigMap(obj, errors);
                break;
            case "Deployment" or "StatefulSet" or "DaemonSet" when !resource.IsCustom:
                ValidateWorkload(resource, obj, errors);
                break;
            case "Service" when !resource.IsCustom:
                ValidateService(obj, errors);
                break;
            case "CustomResourceDefinition" when !resource.IsCustom:
                ValidateCrd(obj, errors);
                break;
        }

        return errors;
    }

    private static void ValidateMetadata(ApiResource resource, JsonObject obj, List<FieldError> errors)
    {
        var name = JsonTree.GetString(obj, "metadata", "name");
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            errors.AddRange(NameRules.Check(resource.Kind, name).Select(m => FieldError.Invalid("metadata.name", name, m)));
        }

        if (obj["metadata"]?["labels"] is JsonObject labels)
        {
            foreach (var value in labels.Select(p => p.Value))
            {
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                if (text is null)
                {
                    errors.Add(FieldError.InvalidRaw($"metadata.labels", value?.ToJsonString() ?? "null", "label values must be strings"));
                }
                else if (!NameRules.IsLabelValue(text))
                {
                    errors.Add(FieldError.Invalid($"metadata.labels", text,
                        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
                }
            }
        }

        if (obj["metadata"]?["annotations"] is JsonObject annotations)
        {
            foreach (var (key, value) in annotations)
            {
                if (value is not JsonValue v || !v.TryGetValue<string>(out _))
                {
                    errors.Add(FieldError.InvalidRaw($"metadata.annotations", value?.ToJsonString() ?? "null", $"annotation {key} must be a string"));
                }
            }
        }
    }
}
