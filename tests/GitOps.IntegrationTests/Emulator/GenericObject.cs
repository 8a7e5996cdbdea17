using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>An object of any kind for <see cref="GenericClient"/> and <c>CustomObjects</c> calls: type and object metadata plus a free-form spec.</summary>
public sealed class GenericObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonElement Spec { get; set; }

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonElement Status { get; set; }
}
