using System.Collections.Frozen;

namespace GitOps.Rendering.Kustomize;

/// <summary>
/// The group/version/kinds Kustomize v5.5 treats as cluster-scoped: those its built-in OpenAPI
/// schema (Kubernetes 1.21) marks so. Scope depends on the version (policy/v1beta1
/// PodSecurityPolicy is cluster-scoped, policy/v1 is not known and so namespaced), and every kind
/// the schema does not know — custom resources, newer APIs such as admissionregistration.k8s.io/v1
/// ValidatingAdmissionPolicy, the access reviews — is namespaced. Checked against kubectl kustomize.
/// </summary>
internal static class ClusterScope
{
    private static readonly FrozenSet<string> ClusterScoped = new[]
    {
        "|v1|Namespace", "|v1|Node", "|v1|PersistentVolume", "|v1|ComponentStatus",
        "storage.k8s.io|v1|StorageClass", "storage.k8s.io|v1beta1|StorageClass",
        "storage.k8s.io|v1|CSIDriver", "storage.k8s.io|v1beta1|CSIDriver",
        "storage.k8s.io|v1|CSINode", "storage.k8s.io|v1beta1|CSINode",
        "storage.k8s.io|v1|VolumeAttachment", "storage.k8s.io|v1beta1|VolumeAttachment",
        "apiextensions.k8s.io|v1|CustomResourceDefinition", "apiextensions.k8s.io|v1beta1|CustomResourceDefinition",
        "policy|v1beta1|PodSecurityPolicy",
        "rbac.authorization.k8s.io|v1|ClusterRole", "rbac.authorization.k8s.io|v1beta1|ClusterRole",
        "rbac.authorization.k8s.io|v1|ClusterRoleBinding", "rbac.authorization.k8s.io|v1beta1|ClusterRoleBinding",
        "scheduling.k8s.io|v1|PriorityClass", "scheduling.k8s.io|v1beta1|PriorityClass",
        "apiregistration.k8s.io|v1|APIService", "apiregistration.k8s.io|v1beta1|APIService",
        "certificates.k8s.io|v1|CertificateSigningRequest", "certificates.k8s.io|v1beta1|CertificateSigningRequest",
        "flowcontrol.apiserver.k8s.io|v1beta1|FlowSchema", "flowcontrol.apiserver.k8s.io|v1beta1|PriorityLevelConfiguration",
        "networking.k8s.io|v1|IngressClass", "networking.k8s.io|v1beta1|IngressClass",
        "node.k8s.io|v1|RuntimeClass", "node.k8s.io|v1beta1|RuntimeClass",
        "admissionregistration.k8s.io|v1|MutatingWebhookConfiguration", "admissionregistration.k8s.io|v1beta1|MutatingWebhookConfiguration",
        "admissionregistration.k8s.io|v1|ValidatingWebhookConfiguration", "admissionregistration.k8s.io|v1beta1|ValidatingWebhookConfiguration",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsClusterScoped(string group, string version, string kind) => ClusterScoped.Contains($"{group}|{version}|{kind}");
}
