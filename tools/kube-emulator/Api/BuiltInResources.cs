namespace KubeEmulator.Api;

/// <summary>The resources every emulated cluster serves before any CRD is created.</summary>
internal static class BuiltInResources
{
    public static IReadOnlyList<ApiResource> All { get; } =
    [
        new("", "v1", "namespaces", "namespace", "Namespace", false, ["ns"], HasStatus: true),
        new("", "v1", "configmaps", "configmap", "ConfigMap", true, ["cm"]),
        new("", "v1", "secrets", "secret", "Secret", true, []),
        new("", "v1", "services", "service", "Service", true, ["svc"], HasStatus: true),
        new("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"]),
        new("", "v1", "pods", "pod", "Pod", true, ["po"], HasStatus: true),
        new("", "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, ["pvc"], HasStatus: true),
        new("", "v1", "events", "event", "Event", true, ["ev"]),
        new("apps", "v1", "deployments", "deployment", "Deployment", true, ["deploy"], HasGeneration: true, HasStatus: true, HasScale: true),
        new("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, ["sts"], HasGeneration: true, HasStatus: true, HasScale: true),
        new("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, ["ds"], HasGeneration: true, HasStatus: true),
        new("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, []),
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, []),
        new("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, []),
        new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, []),
        new("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, ["ing"], HasGeneration: true, HasStatus: true),
        new("batch", "v1", "jobs", "job", "Job", true, [], HasGeneration: true, HasStatus: true),
        new("batch", "v1", "cronjobs", "cronjob", "CronJob", true, ["cj"], HasGeneration: true, HasStatus: true),
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false, ["crd", "crds"], HasGeneration: true, HasStatus: true),
    ];
}
