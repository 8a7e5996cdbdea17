using System.Text.Json.Nodes;
using GitOps.Core.Apply;
using GitOps.Core.Kubernetes;
using GitOps.Core.Registry;

namespace GitOps.Core.Tests.Apply;

public sealed class TenancyRulesTests
{
    private static readonly AppDefinition App = new() { Name = "web", Source = "s", Path = ".", Clusters = ["c"], Namespace = "web" };

    [Fact]
    public void Check_NamespacedObjectInTheAppNamespace_IsAllowedByDefault()
        => Assert.Null(TenancyRules.Check(App, Namespaced("web")));

    [Fact]
    public void Check_NamespacedObjectElsewhere_IsRefusedNamingTheNamespace()
        => Assert.Equal("namespace 'kube-system' is not one app 'web' may write to (allowedNamespaces: web).", TenancyRules.Check(App, Namespaced("kube-system")));

    [Fact]
    public void Check_AppWithoutNamespaceOrList_MayWriteAnywhere()
        => Assert.Null(TenancyRules.Check(App with { Namespace = null }, Namespaced("kube-system")));

    [Fact]
    public void Check_NamespaceObject_OnlyThoseTheAppMayWriteTo()
    {
        Assert.Null(TenancyRules.Check(App, ClusterScoped("Namespace", "web")));
        Assert.NotNull(TenancyRules.Check(App, ClusterScoped("Namespace", "other")));
    }

    [Fact]
    public void Check_ClusterScopedKindNotListed_IsRefused()
    {
        var app = App with { ClusterScopedKinds = ["Namespace"] };

        Assert.Null(TenancyRules.Check(app, ClusterScoped("Namespace", "web")));
        Assert.Equal("app 'web' may not create ClusterRole at cluster scope (clusterScopedKinds: Namespace).", TenancyRules.Check(app, ClusterScoped("ClusterRole", "admin")));
    }

    private static DesiredObject Namespaced(string ns)
        => new(new ObjectRef(string.Empty, "ConfigMap", ns, "x"), new ResourceInfo(string.Empty, "v1", "ConfigMap", "configmaps", true), new JsonObject(), "app/x.yaml");

    private static DesiredObject ClusterScoped(string kind, string name)
        => new(new ObjectRef(kind == "ClusterRole" ? "rbac.authorization.k8s.io" : string.Empty, kind, null, name), new ResourceInfo(string.Empty, "v1", kind, kind.ToLowerInvariant() + "s", false), new JsonObject(), "app/x.yaml");
}
