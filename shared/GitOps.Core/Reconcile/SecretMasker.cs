using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace GitOps.Core.Reconcile;

/// <summary>
/// Replaces Secret values by keyed hashes (<c>hmac-sha256:</c>, HMAC-SHA256 of the decoded bytes
/// under the installation's key; stringData folded into data), so snapshots and drift reports can
/// compare Secrets without holding them, and a weak value cannot be guessed from a blob by hashing
/// candidates: that takes the key, which lives in a setting, never in storage.
/// </summary>
public sealed class SecretMasker
{
    public const string Prefix = "hmac-sha256:";

    private readonly byte[] _key;

    public SecretMasker(IOptions<SecretOptions> options) => _key = options.Value.Key();

    internal SecretMasker(byte[] key) => _key = key;

    /// <summary>A masked copy when <paramref name="obj"/> is a core Secret; otherwise <paramref name="obj"/> itself.</summary>
    public JsonObject Mask(JsonObject obj)
    {
        if ((string?)obj["kind"] != "Secret" || (string?)obj["apiVersion"] != "v1")
        {
            return obj;
        }

        var copy = obj.DeepClone().AsObject();
        var data = new JsonObject();
        if (copy["data"] is JsonObject encoded)
        {
            foreach (var (key, value) in encoded)
            {
                data[key] = Hash(Decode(value?.ToString()));
            }
        }

        if (copy["stringData"] is JsonObject plain)
        {
            foreach (var (key, value) in plain)
            {
                data[key] = Hash(Encoding.UTF8.GetBytes(value?.ToString() ?? string.Empty));
            }

            copy.Remove("stringData");
        }

        if (data.Count > 0 || copy.ContainsKey("data"))
        {
            copy["data"] = data;
        }

        // The last-applied annotation some tools leave holds the values in clear.
        (copy["metadata"]?["annotations"] as JsonObject)?.Remove("kubectl.kubernetes.io/last-applied-configuration");
        return copy;
    }

    private static byte[] Decode(string? base64)
    {
        try
        {
            return Convert.FromBase64String(base64 ?? string.Empty);
        }
        catch (FormatException)
        {
            return Encoding.UTF8.GetBytes(base64 ?? string.Empty);
        }
    }

    private string Hash(byte[] bytes) => Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(_key, bytes));
}
