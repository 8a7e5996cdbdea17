using k8s;
using k8s.Models;

namespace GitOps.IntegrationTests.Emulator;

/// <summary>
/// LIST paging as the API server does it: <c>limit</c> and <c>continue</c>, (namespace, name) order,
/// selectors applied before paging, <c>remainingItemCount</c> only without selectors, and 400 for a bad token.
/// </summary>
public sealed class ListPagingTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private IKubernetes Client => emulator.Client;

    [Fact]
    public async Task ListConfigMaps_WithLimit_PagesInNameOrderUntilNoContinue()
    {
        var ns = await emulator.CreateNamespaceAsync("paging");
        foreach (var name in new[] { "c-4", "c-1", "c-3", "c-0", "c-2" })
        {
            await CreateConfigMapAsync(ns, name);
        }

        var first = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2);
        var second = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: first.Metadata.ContinueProperty);
        var third = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: second.Metadata.ContinueProperty);

        Assert.Equal(["c-0", "c-1"], Names(first));
        Assert.Equal(3, first.Metadata.RemainingItemCount);
        Assert.False(string.IsNullOrEmpty(first.Metadata.ContinueProperty));
        Assert.Equal(["c-2", "c-3"], Names(second));
        Assert.Equal(1, second.Metadata.RemainingItemCount);
        Assert.Equal(["c-4"], Names(third));
        Assert.Null(third.Metadata.ContinueProperty);
        Assert.Null(third.Metadata.RemainingItemCount);
    }

    [Fact]
    public async Task ListWithContinue_LaterPages_KeepTheFirstPagesResourceVersion()
    {
        var ns = await emulator.CreateNamespaceAsync("paging");
        await CreateConfigMapAsync(ns, "a");
        await CreateConfigMapAsync(ns, "b");

        var first = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 1);
        await CreateConfigMapAsync(ns, "c");
        var second = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 1, continueParameter: first.Metadata.ContinueProperty);

        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Equal(["b"], Names(second));
    }

    [Fact]
    public async Task ListAllNamespaces_WithLimit_OrdersByNamespaceThenName()
    {
        var label = $"paging-{Guid.NewGuid():N}"[..20];
        var first = await emulator.CreateNamespaceAsync("paging-b");
        var second = await emulator.CreateNamespaceAsync("paging-a");
        foreach (var ns in new[] { first, second })
        {
            await CreateConfigMapAsync(ns, "y", label);
            await CreateConfigMapAsync(ns, "x", label);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: $"set={label}", limit: 1, continueParameter: token);
            Assert.True(page.Items.Count <= 1);
            Assert.Null(page.Metadata.RemainingItemCount);
            seen.AddRange(page.Items.Select(i => $"{i.Metadata.NamespaceProperty}/{i.Metadata.Name}"));
            token = page.Metadata.ContinueProperty;
        }
        while (token is not null);

        var (early, late) = string.CompareOrdinal(first, second) < 0 ? (first, second) : (second, first);
        Assert.Equal([$"{early}/x", $"{early}/y", $"{late}/x", $"{late}/y"], seen);
    }

    [Fact]
    public async Task ListWithSelectors_AndLimit_SelectsBeforePaging()
    {
        var ns = await emulator.CreateNamespaceAsync("paging");
        for (var i = 0; i < 6; i++)
        {
            await CreateConfigMapAsync(ns, $"c-{i}", i % 2 == 0 ? "keep" : "drop");
        }

        var first = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "set=keep", limit: 2);
        var second = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "set=keep", limit: 2, continueParameter: first.Metadata.ContinueProperty);
        var byField = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "metadata.name!=c-0", limit: 10);

        Assert.Equal(["c-0", "c-2"], Names(first));
        Assert.Null(first.Metadata.RemainingItemCount);
        Assert.Equal(["c-4"], Names(second));
        Assert.Null(second.Metadata.ContinueProperty);
        Assert.Equal(["c-1", "c-2", "c-3", "c-4", "c-5"], Names(byField));
        Assert.Null(byField.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task ListWithLimit_NoMoreItems_AnswersEverythingWithoutContinue()
    {
        var ns = await emulator.CreateNamespaceAsync("paging");
        await CreateConfigMapAsync(ns, "only");

        var page = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 5);

        Assert.Equal(["only"], Names(page));
        Assert.Null(page.Metadata.ContinueProperty);
        Assert.Null(page.Metadata.RemainingItemCount);
    }

    [Fact]
    public async Task ListWithContinue_NotAToken_Returns400BadRequest()
    {
        var ns = await emulator.CreateNamespaceAsync("paging");

        var status = await KubeAssert.FailsWithStatusAsync(400, () => Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 1, continueParameter: "not-a-token!"));

        Assert.Equal("BadRequest", status.GetProperty("reason").GetString());
        Assert.StartsWith("invalid continue token:", status.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ListWithContinue_TokenOfAnotherNamespace_Returns400BadRequest()
    {
        var ns = await emulator.CreateNamespaceAsync("paging");
        var other = await emulator.CreateNamespaceAsync("paging");
        await CreateConfigMapAsync(ns, "a");
        await CreateConfigMapAsync(ns, "b");
        var first = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 1);

        await KubeAssert.FailsWithStatusAsync(400, () => Client.CoreV1.ListNamespacedConfigMapAsync(other, limit: 1, continueParameter: first.Metadata.ContinueProperty));
    }

    [Fact]
    public async Task ListWithLimit_NotANumber_Returns400BadRequest()
    {
        using var http = new HttpClient { BaseAddress = emulator.Server.BaseAddress };

        using var response = await http.GetAsync("/api/v1/namespaces/default/configmaps?limit=many");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<V1ConfigMap> CreateConfigMapAsync(string ns, string name, string set = "none") =>
        Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["set"] = set } }, Data = new Dictionary<string, string> { ["k"] = "v" } },
            ns);

    private static List<string> Names(V1ConfigMapList list) => [.. list.Items.Select(i => i.Metadata.Name)];
}
