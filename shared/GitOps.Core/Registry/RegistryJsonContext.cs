using System.Text.Json.Serialization;

namespace GitOps.Core.Registry;

/// <summary>Source-generated JSON for the list and map columns of registry rows.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<IgnoreDifference>))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext
{
}
