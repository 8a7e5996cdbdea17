using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Core.Reconcile;

/// <summary>
/// Replaces Secret values by <c>sha256:</c> hashes of their decoded bytes (stringData folded into
/// data), so snapshots and drift reports can compare Secrets without holding them.
/// </summary>
public static class SecretMasker
{
    public const string Prefix = "sha256:";

    /// <summary>A masked copy when <paramref name="obj"/> is a core Secret; otherwise <paramref name="obj"/> itself.</summary>
    public static JsonObject Mask(JsonObject obj)
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

    private static string Hash(byte[] bytes) => Prefix + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
