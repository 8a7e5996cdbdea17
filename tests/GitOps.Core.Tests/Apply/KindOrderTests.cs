using GitOps.Core.Apply;

namespace GitOps.Core.Tests.Apply;

public sealed class KindOrderTests
{
    [Fact]
    public void Key_ClusterDefinitions_ComeBeforeEverythingElse()
    {
        var kinds = new[] { "Deployment", "Widget", "Service", "Namespace", "ConfigMap", "CustomResourceDefinition", "ClusterRole", "ValidatingWebhookConfiguration", "ServiceAccount" };

        var ordered = kinds.OrderBy(KindOrder.Key).ToArray();

        Assert.Equal(
            ["Namespace", "CustomResourceDefinition", "ClusterRole", "ServiceAccount", "ConfigMap", "Service", "Deployment", "Widget", "ValidatingWebhookConfiguration"],
            ordered);
    }
}
