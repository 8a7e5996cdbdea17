using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Http;
using KubeEmulator.Serialization;

namespace KubeEmulator.Engine;

/// <content>Request checks and object comparisons shared by the writes.</content>
internal sealed partial class ResourceEngine
{
    private static void CheckTypeMeta(ApiResource resource, JsonObject body)
    {
        var apiVersion = JsonTree.GetString(body, "apiVersion");
        var kind = JsonTree.GetString(body, "kind");
        var name = JsonTree.GetString(body, "metadata", "name") ?? "";
        var errors = new List<FieldError>();
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != resource.ApiVersion)
        {
            errors.Add(FieldError.Invalid("apiVersion", apiVersion, $"must be {resource.ApiVersion}"));
        }

        if (!string.IsNullOrEmpty(kind) && kind != resource.Kind)
        {
            errors.Add(FieldError.Invalid("kind", kind, $"must be {resource.Kind}"));
        }

        if (errors.Count > 0)
        {
            throw KubeErrors.Invalid(resource, name, errors);
        }
    }

    private static void CheckName(JsonObject body, string name)
    {
        var bodyName = JsonTree.GetString(body, "metadata", "name");
        if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            throw KubeErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
    }

    private static JsonObject WithStatusOf(JsonObject old, JsonObject body)
    {
        var result = (JsonObject)old.DeepClone();
        result["status"] = body["status"]?.DeepClone();
        return result;
    }

    private static JsonObject? WithoutMetaAndStatus(JsonObject? obj)
    {
        if (obj?.DeepClone() is not JsonObject clone)
        {
            return null;
        }

        clone.Remove("metadata");
        clone.Remove("status");
        clone.Remove("apiVersion");
        return clone;
    }

    /// <summary>The object without what every write touches (resourceVersion, managedFields times), to detect no-op writes.</summary>
    private static JsonObject Comparable(JsonObject obj)
    {
        var clone = (JsonObject)obj.DeepClone();
        clone.Remove("apiVersion");
        var metadata = JsonTree.Metadata(clone);
        metadata.Remove("resourceVersion");
        foreach (var entry in (metadata["managedFields"] as JsonArray ?? []).OfType<JsonObject>())
        {
            entry.Remove("time");
        }

        return clone;
    }

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string([.. Enumerable.Range(0, 5).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)])]);
    }
}
