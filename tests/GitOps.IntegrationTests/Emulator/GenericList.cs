using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>A list of <see cref="GenericObject"/>s, as LIST answers them.</summary>
public sealed class GenericList : IKubernetesObject<V1ListMeta>, IItems<GenericObject>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<GenericObject> Items { get; set; } = [];
}
