namespace GitOps.Core.Kubernetes;

/// <summary>
/// The kinds every Kubernetes cluster (1.29 and later) serves, for checks without a cluster
/// (<c>gitops validate</c>): group, version, kind, plural, and whether namespaced. Kinds defined by
/// CRDs in the same tree are added by the check itself.
/// </summary>
public static class BuiltInKinds
{
    public static IReadOnlyList<ResourceInfo> All { get; } =
    [
        new(string.Empty, "v1", "Namespace", "namespaces", false),
        new(string.Empty, "v1", "ConfigMap", "configmaps", true),
        new(string.Empty, "v1", "Secret", "secrets", true),
        new(string.Empty, "v1", "Service", "services", true),
        new(string.Empty, "v1", "ServiceAccount", "serviceaccounts", true),
        new(string.Empty, "v1", "Pod", "pods", true),
        new(string.Empty, "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
        new(string.Empty, "v1", "PersistentVolume", "persistentvolumes", false),
        new(string.Empty, "v1", "Endpoints", "endpoints", true),
        new(string.Empty, "v1", "LimitRange", "limitranges", true),
        new(string.Empty, "v1", "ResourceQuota", "resourcequotas", true),
        new(string.Empty, "v1", "ReplicationController", "replicationcontrollers", true),
        new(string.Empty, "v1", "PodTemplate", "podtemplates", true),
        new(string.Empty, "v1", "Event", "events", true),
        new("apps", "v1", "Deployment", "deployments", true),
        new("apps", "v1", "StatefulSet", "statefulsets", true),
        new("apps", "v1", "DaemonSet", "daemonsets", true),
        new("apps", "v1", "ReplicaSet", "replicasets", true),
        new("apps", "v1", "ControllerRevision", "controllerrevisions", true),
        new("batch", "v1", "Job", "jobs", true),
        new("batch", "v1", "CronJob", "cronjobs", true),
        new("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
        new("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
        new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
        new("networking.k8s.io", "v1", "Ingress", "ingresses", true),
        new("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false),
        new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
        new("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
        new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
        new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
        new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
        new("storage.k8s.io", "v1", "StorageClass", "storageclasses", false),
        new("storage.k8s.io", "v1", "CSIDriver", "csidrivers", false),
        new("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", false),
        new("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false),
        new("node.k8s.io", "v1", "RuntimeClass", "runtimeclasses", false),
        new("coordination.k8s.io", "v1", "Lease", "leases", true),
        new("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true),
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false),
        new("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false),
        new("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false),
        new("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false),
        new("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", false),
        new("apiregistration.k8s.io", "v1", "APIService", "apiservices", false),
        new("certificates.k8s.io", "v1", "CertificateSigningRequest", "certificatesigningrequests", false),
        new("flowcontrol.apiserver.k8s.io", "v1", "FlowSchema", "flowschemas", false),
        new("flowcontrol.apiserver.k8s.io", "v1", "PriorityLevelConfiguration", "prioritylevelconfigurations", false),
    ];

    /// <summary>The built-in resource for an apiVersion and kind, or null.</summary>
    public static ResourceInfo? Find(string apiVersion, string kind) => All.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);
}
