namespace GitOps.Rendering.Kustomize;

/// <summary>Kustomize's default name-reference configuration: which fields name which kinds.</summary>
internal static class NameReferenceSpecs
{
    private static readonly (string Kind, string Prefix, string? Version)[] PodSpecs =
    [
        ("Pod", "spec", "v1"),
        ("PodTemplate", "template/spec", null),
        ("Deployment", "spec/template/spec", null),
        ("ReplicaSet", "spec/template/spec", null),
        ("DaemonSet", "spec/template/spec", null),
        ("StatefulSet", "spec/template/spec", null),
        ("Job", "spec/template/spec", null),
        ("CronJob", "spec/jobTemplate/spec/template/spec", null),
    ];

    private static readonly (string Kind, string Prefix)[] WorkloadSpecs =
    [
        ("Pod", "spec"),
        ("StatefulSet", "spec/template/spec"),
        ("Deployment", "spec/template/spec"),
        ("ReplicationController", "spec/template/spec"),
        ("CronJob", "spec/jobTemplate/spec/template/spec"),
        ("Job", "spec/template/spec"),
        ("DaemonSet", "spec/template/spec"),
    ];

    public static readonly NameReference[] All = Build();

    private static NameReference[] Build()
    {
        const string rbac = "rbac.authorization.k8s.io";
        var hpa = new[] { new FieldSpec("spec/scaleTargetRef/name", Kind: "HorizontalPodAutoscaler") };
        var list = new List<NameReference>
        {
            new("Deployment", null, null, hpa),
            new("ReplicationController", null, null, hpa),
            new("ReplicaSet", null, null, hpa),
            new("StatefulSet", null, null, hpa),
        };

        var configMap = PodFields(
            "volumes/configMap/name", "containers/env/valueFrom/configMapKeyRef/name", "initContainers/env/valueFrom/configMapKeyRef/name",
            "containers/envFrom/configMapRef/name", "initContainers/envFrom/configMapRef/name", "volumes/projected/sources/configMap/name");
        configMap.Add(new("spec/configSource/configMap", Kind: "Node"));
        configMap.Add(new("rules/resourceNames", Kind: "Role"));
        configMap.Add(new("rules/resourceNames", Kind: "ClusterRole"));
        configMap.Add(new(@"metadata/annotations/nginx.ingress.kubernetes.io\/fastcgi-params-configmap", Kind: "Ingress"));
        list.Add(new("ConfigMap", null, "v1", [.. configMap]));

        var secret = PodFields(
            "volumes/secret/secretName", "containers/env/valueFrom/secretKeyRef/name", "initContainers/env/valueFrom/secretKeyRef/name",
            "containers/envFrom/secretRef/name", "initContainers/envFrom/secretRef/name", "imagePullSecrets/name",
            "volumes/projected/sources/secret/name");
        secret.AddRange(
        [
            new("spec/tls/secretName", Kind: "Ingress"),
            new(@"metadata/annotations/ingress.kubernetes.io\/auth-secret", Kind: "Ingress"),
            new(@"metadata/annotations/nginx.ingress.kubernetes.io\/auth-secret", Kind: "Ingress"),
            new(@"metadata/annotations/nginx.ingress.kubernetes.io\/auth-tls-secret", Kind: "Ingress"),
            new("imagePullSecrets/name", Kind: "ServiceAccount"),
            new("parameters/secretName", Kind: "StorageClass"),
            new("parameters/adminSecretName", Kind: "StorageClass"),
            new("parameters/userSecretName", Kind: "StorageClass"),
            new("parameters/secretRef", Kind: "StorageClass"),
            new("rules/resourceNames", Kind: "Role"),
            new("rules/resourceNames", Kind: "ClusterRole"),
            new("spec/template/spec/containers/env/valueFrom/secretKeyRef/name", Kind: "Service", Group: "serving.knative.dev", Version: "v1"),
            new("spec/azureFile/secretName", Kind: "PersistentVolume"),
        ]);
        list.Add(new("Secret", null, "v1", [.. secret]));

        list.Add(new("Service", null, "v1",
        [
            new("spec/serviceName", Kind: "StatefulSet", Group: "apps"),
            new("spec/rules/http/paths/backend/serviceName", Kind: "Ingress"),
            new("spec/backend/serviceName", Kind: "Ingress"),
            new("spec/rules/http/paths/backend/service/name", Kind: "Ingress"),
            new("spec/defaultBackend/service/name", Kind: "Ingress"),
            new("spec/service/name", Kind: "APIService", Group: "apiregistration.k8s.io"),
            new("webhooks/clientConfig/service", Kind: "ValidatingWebhookConfiguration", Group: "admissionregistration.k8s.io"),
            new("webhooks/clientConfig/service", Kind: "MutatingWebhookConfiguration", Group: "admissionregistration.k8s.io"),
            new("spec/rules/backendRefs/name", Kind: "HTTPRoute"),
        ]));
        list.Add(new("Role", rbac, null, [new("roleRef/name", Kind: "RoleBinding", Group: rbac)]));
        list.Add(new("ClusterRole", rbac, null,
            [new("roleRef/name", Kind: "RoleBinding", Group: rbac), new("roleRef/name", Kind: "ClusterRoleBinding", Group: rbac)]));

        var serviceAccount = new List<FieldSpec>
        {
            new("subjects", Kind: "RoleBinding", Group: rbac),
            new("subjects", Kind: "ClusterRoleBinding", Group: rbac),
        };
        serviceAccount.AddRange(WorkloadFields("serviceAccountName"));
        list.Add(new("ServiceAccount", null, "v1", [.. serviceAccount]));
        list.Add(new("PersistentVolumeClaim", null, "v1", [.. WorkloadFields("volumes/persistentVolumeClaim/claimName")]));
        list.Add(new("PersistentVolume", null, "v1",
            [new("spec/volumeName", Kind: "PersistentVolumeClaim"), new("rules/resourceNames", Kind: "ClusterRole")]));
        list.Add(new("StorageClass", "storage.k8s.io", "v1",
        [
            new("spec/storageClassName", Kind: "PersistentVolume"),
            new("spec/storageClassName", Kind: "PersistentVolumeClaim"),
            new("spec/volumeClaimTemplates/spec/storageClassName", Kind: "StatefulSet"),
        ]));
        list.Add(new("PriorityClass", "scheduling.k8s.io", "v1", [.. WorkloadFields("priorityClassName")]));

        // Kustomize's own configuration spells this group "networking.k8s.io/v1", so it never matches.
        list.Add(new("IngressClass", "networking.k8s.io/v1", "v1", [new("spec/ingressClassName", Kind: "Ingress")]));
        return [.. list];
    }

    private static List<FieldSpec> PodFields(params string[] suffixes)
    {
        var specs = new List<FieldSpec>();
        foreach (var (kind, prefix, version) in PodSpecs)
        {
            foreach (var suffix in suffixes)
            {
                specs.Add(new FieldSpec($"{prefix}/{suffix}", Kind: kind, Version: version));
            }
        }

        return specs;
    }

    private static IEnumerable<FieldSpec> WorkloadFields(string suffix)
        => WorkloadSpecs.Select(w => new FieldSpec($"{w.Prefix}/{suffix}", Kind: w.Kind));
}
