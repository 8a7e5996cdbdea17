using System.Text.Json.Nodes;

namespace KubeEmulator.Apply;

/// <summary>One <c>metadata.managedFields</c> entry: a manager, its operation and the fields it owns.</summary>
internal sealed class ManagedFieldsEntry
{
    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public string? ApiVersion { get; set; }

    public string? Time { get; set; }

    public string? Subresource { get; init; }

    public FieldSet Fields { get; set; } = new();

    public bool IsApply => Operation == "Apply";

    public bool SameIdentity(string manager, string operation, string? subresource = null) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    /// <summary>The manager as conflict messages print it: <c>"kubectl-edit" using apps/v1</c> for updates.</summary>
    public string Describe()
    {
        var text = $"\"{Manager}\"";
        if (Subresource is not null)
        {
            text += $" with subresource \"{Subresource}\"";
        }

        return Operation == "Update" ? $"{text} using {ApiVersion}" : text;
    }

    public static List<ManagedFieldsEntry> Read(JsonObject? obj)
    {
        var entries = new List<ManagedFieldsEntry>();
        if (obj?["metadata"]?["managedFields"] is not JsonArray array)
        {
            return entries;
        }

        foreach (var item in array.OfType<JsonObject>())
        {
            entries.Add(new ManagedFieldsEntry
            {
                Manager = item["manager"]?.GetValue<string>() ?? "",
                Operation = item["operation"]?.GetValue<string>() ?? "Update",
                ApiVersion = item["apiVersion"]?.GetValue<string>(),
                Time = item["time"]?.GetValue<string>(),
                Subresource = item["subresource"]?.GetValue<string>(),
                Fields = FieldSet.FromFieldsV1(item["fieldsV1"] as JsonObject),
            });
        }

        return entries;
    }

    /// <summary>Writes the entries (dropping those that own nothing) into the object's metadata.</summary>
    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => e.Fields.Count > 0))
        {
            var item = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
            };
            if (entry.ApiVersion is not null)
            {
                item["apiVersion"] = entry.ApiVersion;
            }

            if (entry.Time is not null)
            {
                item["time"] = entry.Time;
            }

            item["fieldsType"] = "FieldsV1";
            item["fieldsV1"] = entry.Fields.ToFieldsV1();
            if (entry.Subresource is not null)
            {
                item["subresource"] = entry.Subresource;
            }

            array.Add(item);
        }

        var metadata = obj["metadata"] as JsonObject;
        if (metadata is null)
        {
            metadata = new JsonObject();
            obj["metadata"] = metadata;
        }

        if (array.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = array;
        }
    }
}
