using System.Text.Json.Nodes;

namespace KubeEmulator.Engine;

/// <content>What the namespace controllers add to every new namespace of a real cluster, when enabled.</content>
internal sealed partial class ResourceEngine
{
    private const string RootCertificate =
        "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrdWJlLWVt\ndWxhdG9yLXNlcnZlci1jYTAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBa\n-----END CERTIFICATE-----\n";

    /// <summary>Whether new namespaces get the <c>default</c> ServiceAccount and the <c>kube-root-ca.crt</c> ConfigMap.</summary>
    public bool PopulateNamespaces { get; init; }

    private void PopulateNamespace(string ns)
    {
        var serviceAccounts = catalog.Find("", "v1", "serviceaccounts")!;
        var configMaps = catalog.Find("", "v1", "configmaps")!;
        if (!store.Exists(serviceAccounts, ns, "default"))
        {
            var account = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } };
            Commit(serviceAccounts, ns, "default", null, account, new WriteContext("kube-controller-manager"), trackUpdate: true);
        }

        if (!store.Exists(configMaps, ns, "kube-root-ca.crt"))
        {
            var rootCa = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = "kube-root-ca.crt",
                    ["annotations"] = new JsonObject { ["kubernetes.io/description"] = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters." },
                },
                ["data"] = new JsonObject { ["ca.crt"] = RootCertificate },
            };
            Commit(configMaps, ns, "kube-root-ca.crt", null, rootCa, new WriteContext("kube-controller-manager"), trackUpdate: true);
        }
    }
}
