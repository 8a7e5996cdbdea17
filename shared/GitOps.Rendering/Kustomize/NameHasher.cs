using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// The content-hash name suffix Kustomize gives generated ConfigMaps and Secrets: SHA-256 of a Go
/// JSON encoding of kind, name, data (and binaryData / type, stringData), first ten hex digits with
/// 0→g, 1→h, 3→k, a→m, e→t. Like Kustomize v5, the encoded name is always empty (its lookup of
/// "metadata/name" finds nothing), so the hash depends on the content only.
/// </summary>
internal static class NameHasher
{
    public static string Hash(JsonObject body)
    {
        var kind = ObjectIdentity.GetString(body, "kind");
        var encoded = new JsonObject();
        switch (kind)
        {
            case "ConfigMap":
                encoded["kind"] = "ConfigMap";
                encoded["name"] = string.Empty;
                encoded["data"] = ValueOrEmpty(body["data"]);
                if (body["binaryData"] is JsonObject binary)
                {
                    encoded["binaryData"] = binary.DeepClone();
                }

                break;
            case "Secret":
                encoded["kind"] = "Secret";
                encoded["type"] = ValueOrEmpty(body["type"]);
                encoded["name"] = string.Empty;
                encoded["data"] = ValueOrEmpty(body["data"]);
                if (body["stringData"] is JsonObject stringData)
                {
                    encoded["stringData"] = stringData.DeepClone();
                }

                break;
            default:
                encoded = (JsonObject)body.DeepClone();
                break;
        }

        var json = GoJson.Serialize(encoded);
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var chars = hex[..10].ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                '0' => 'g',
                '1' => 'h',
                '3' => 'k',
                'a' => 'm',
                'e' => 't',
                var c => c,
            };
        }

        return new string(chars);
    }

    private static JsonNode ValueOrEmpty(JsonNode? node)
        => node switch
        {
            null => JsonValue.Create(string.Empty),
            _ => node.DeepClone(),
        };
}
