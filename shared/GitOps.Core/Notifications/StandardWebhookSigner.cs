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

    /// <summary>
    /// Verifies a signed delivery (for the local chat sink): one of the <c>v1,</c> signatures matches
    /// and the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string? messageId, string? timestamp, string? signatures, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (messageId is null || signatures is null || !long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, messageId, DateTimeOffset.FromUnixTimeSeconds(seconds), body)["webhook-signature"]);
        return signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
