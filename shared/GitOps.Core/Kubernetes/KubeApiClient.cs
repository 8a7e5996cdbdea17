using k8s;

namespace GitOps.Core.Kubernetes;

/// <summary>
/// KubernetesClient's own HTTP pipeline (authentication, TLS, error handling) used for any
/// resource path, including kinds the library has no model for (custom resources).
/// </summary>
internal sealed class KubeApiClient : k8s.Kubernetes
{
    public KubeApiClient(KubernetesClientConfiguration config, params DelegatingHandler[] handlers)
        : base(config, handlers)
    {
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relativeUri, object? body, CancellationToken cancellationToken)
        => SendRequest(relativeUri.TrimStart('/'), method, null, body, cancellationToken);
}
