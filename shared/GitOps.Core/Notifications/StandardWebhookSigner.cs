using System.Security.Cryptography;
using System.Text;

namespace GitOps.Core.Notifications;

/// <summary>
/// Signs a webhook as the Standard Webhooks specification says: <c>webhook-id</c>,
/// <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature: v1,{base64 HMAC-SHA256 of
/// "{id}.{timestamp}.{body}"}</c>, keyed with the secret's bytes (<c>whsec_</c> + base64), so a
/// receiver verifies with any Standard Webhooks library.
/// </summary>
public static class StandardWebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <exception cref="FormatException">The secret is not <c>whsec_</c> + base64 (the message says so without echoing it).</exception>
    public static IReadOnlyDictionary<string, string> Sign(string secret, string messageId, DateTimeOffset timestamp, string body)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        }
        catch (FormatException)
        {
            throw new FormatException("the signing secret is not base64 (expected whsec_ followed by base64, as Standard Webhooks secrets are)");
        }

        var seconds = timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{seconds}.{body}")));
        return new Dictionary<string, string>
        {
            ["webhook-id"] = messageId,
            ["webhook-timestamp"] = seconds,
            ["webhook-signature"] = "v1," + signature,
        };
    }
}
