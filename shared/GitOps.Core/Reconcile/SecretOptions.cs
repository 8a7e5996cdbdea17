namespace GitOps.Core.Reconcile;

/// <summary>Section <c>GitOps:Secrets</c>: the key Secret values are hashed with before they reach a blob.</summary>
public sealed record SecretOptions
{
    public const string Setting = "GitOps:Secrets:HashKey";

    /// <summary>
    /// Base64 of at least 32 random bytes, per installation (<c>GitOps__Secrets__HashKey</c>; in Azure a
    /// Key Vault reference). No default: <c>gitops run</c> generates one locally on first run.
    /// </summary>
    public string? HashKey { get; init; }

    /// <summary>The key's bytes; a missing or short key is an error naming the setting (never its value).</summary>
    public byte[] Key()
    {
        byte[]? key = null;
        try
        {
            key = string.IsNullOrWhiteSpace(HashKey) ? null : Convert.FromBase64String(HashKey);
        }
        catch (FormatException)
        {
        }

        return key is { Length: >= 32 } ? key
            : throw new InvalidOperationException($"The setting {Setting} (environment: GitOps__Secrets__HashKey) must hold base64 of at least 32 random bytes, the key Secret values are hashed with (e.g. `openssl rand -base64 32`); `gitops run` generates one locally.");
    }

    public static string Generate() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
