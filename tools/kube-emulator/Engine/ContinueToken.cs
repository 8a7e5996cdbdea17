using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeEmulator.Http;

namespace KubeEmulator.Engine;

/// <summary>
/// The opaque <c>continue</c> token of a paged list, shaped as the API server's: base64url of
/// <c>{"v":"meta.k8s.io/v1","rv":&lt;list resourceVersion&gt;,"start":"&lt;next key&gt;"}</c>, where a key is
/// <c>namespace/name</c> and the next key is the last answered key followed by a NUL.
/// </summary>
internal static class ContinueToken
{
    private const string Version = "meta.k8s.io/v1";

    public static string Encode(long resourceVersion, string lastKey)
    {
        var json = new JsonObject { ["v"] = Version, ["rv"] = resourceVersion, ["start"] = lastKey + "\0" }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The list resourceVersion and the key to start at; 400 BadRequest when the token is not one of ours or belongs to another namespace.</summary>
    public static (long ResourceVersion, string StartKey) Decode(string token, string? ns)
    {
        JsonObject? parsed;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            parsed = JsonNode.Parse(Convert.FromBase64String(base64)) as JsonObject;
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            throw Invalid("continue key is not valid: " + error.Message);
        }

        if (parsed?["v"]?.GetValueKind() != JsonValueKind.String || parsed["v"]!.GetValue<string>() != Version)
        {
            throw Invalid("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }

        if (parsed["rv"]?.GetValueKind() != JsonValueKind.Number || parsed["rv"]!.GetValue<long>() <= 0)
        {
            throw Invalid("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }

        var start = parsed["start"]?.GetValueKind() == JsonValueKind.String ? parsed["start"]!.GetValue<string>() : "";
        if (start.Length == 0 || (ns is not null && !start.StartsWith(ns + "/", StringComparison.Ordinal)))
        {
            throw Invalid("continue key is not valid: key provided with continue does not match this list");
        }

        return (parsed["rv"]!.GetValue<long>(), start);
    }

    private static KubeStatusException Invalid(string detail) => KubeErrors.BadRequest("invalid continue token: " + detail);
}
