using System.Text.Encodings.Web;
using System.Text.Json;

namespace KubeEmulator.Serialization;

/// <summary>How responses are written: compact, and without escaping quotes inside strings such as managedFields keys.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
