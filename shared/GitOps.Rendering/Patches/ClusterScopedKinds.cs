using System.Collections.Frozen;

namespace GitOps.Rendering.Patches;

/// <summary>
/// Kinds kustomize treats as not namespaced (its resid list): their effective namespace for target
/// selection is <see cref="NotNamespaceable"/>, never <c>default</c>.
/// </summary>
internal static class ClusterScopedKinds
{
    public const string NotNamespaceable = "_non_namespaceable_";

    private static readonly FrozenSet<string> Kinds = new[]
    {
        "APIService", "CSIDriver", "CSINode", "CertificateSigningRequest", "ClusterIssuer", "ClusterRole",
        "ClusterRoleBinding", "ComponentStatus", "CustomResourceDefinition", "FlowSchema", "IngressClass",
        "MutatingWebhookConfiguration", "Namespace", "Node", "PersistentVolume", "PodSecurityPolicy",
        "PriorityClass", "PriorityLevelConfiguration", "RuntimeClass", "SelfSubjectAccessReview",
        "SelfSubjectRulesReview", "StorageClass", "SubjectAccessReview", "TokenReview",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration",
        "VolumeAttachment",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool Contains(string kind) => Kinds.Contains(kind);

    /// <summary>The namespace kustomize compares a selector with: <c>default</c> for an unset namespace.</summary>
    public static string EffectiveNamespace(string kind, string? ns)
        => Contains(kind) ? NotNamespaceable : string.IsNullOrEmpty(ns) ? "default" : ns;
}
