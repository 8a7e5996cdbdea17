using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>Assertions on failures answered as Kubernetes Status objects.</summary>
internal static class KubeAssert
{
    /// <summary>Awaits <paramref name="call"/>, expects an HTTP failure with <paramref name="code"/>, and returns its parsed Status body.</summary>
    public static async Task<JsonElement> FailsWithStatusAsync(int code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal((HttpStatusCode)code, error.Response.StatusCode);
        using var document = JsonDocument.Parse(error.Response.Content);
        var status = document.RootElement.Clone();
        Assert.Equal("Status", status.GetProperty("kind").GetString());
        Assert.Equal("v1", status.GetProperty("apiVersion").GetString());
        Assert.Equal("Failure", status.GetProperty("status").GetString());
        Assert.Equal(code, status.GetProperty("code").GetInt32());
        return status;
    }
}
