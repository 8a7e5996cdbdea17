using System.Net.Http.Headers;
using Azure.Core;
using k8s.Authentication;

namespace GitOps.Core.Kubernetes;

/// <summary>
/// Bearer tokens for AKS with Microsoft Entra ID: from a <see cref="TokenCredential"/> (DefaultAzureCredential
/// in production) for the AKS server application, cached until five minutes before they expire.
/// One per cluster, kept across syncs.
/// </summary>
internal sealed class AzureTokenProvider : ITokenProvider
{
    /// <summary>The AKS server application's scope (the same for every AKS cluster).</summary>
    public const string AksScope = "6dae42f8-4368-4678-94ff-3960e28e3630/.default";

    private static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TimeProvider _time;
    private readonly string _cluster;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private AccessToken? _token;

    public AzureTokenProvider(TokenCredential credential, TimeProvider time, string cluster)
    {
        _credential = credential;
        _time = time;
        _cluster = cluster;
    }

    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not { } token || token.ExpiresOn - RefreshBefore <= _time.GetUtcNow())
            {
                try
                {
                    token = await _credential.GetTokenAsync(new TokenRequestContext([AksScope]), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Azure.Identity's messages name the credentials tried, never a token.
                    throw new InvalidOperationException($"cluster/{_cluster}: no Microsoft Entra token for AKS ({e.GetType().Name}: {e.Message})", e);
                }

                _token = token;
            }

            return new AuthenticationHeaderValue("Bearer", token.Token);
        }
        finally
        {
            _lock.Release();
        }
    }
}
