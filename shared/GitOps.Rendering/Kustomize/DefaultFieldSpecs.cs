namespace GitOps.Rendering.Kustomize;

/// <summary>Kustomize's built-in field specs for the transformers this renderer implements.</summary>
internal static class DefaultFieldSpecs
{
    /// <summary>Labels on metadata and pod/job templates (<c>labels.includeTemplates</c>, and part of commonLabels).</summary>
    public static readonly FieldSpec[] TemplateLabels =
    [
        new("spec/template/metadata/labels", true, "ReplicationController", Version: "v1"),
        new("spec/template/metadata/labels", true, "Deployment"),
        new("spec/template/metadata/labels", true, "ReplicaSet"),
        new("spec/template/metadata/labels", true, "DaemonSet"),
        new("spec/template/metadata/labels", true, "StatefulSet", "apps"),
        new("spec/volumeClaimTemplates[]/metadata/labels", true, "StatefulSet", "apps"),
        new("spec/template/metadata/labels", true, "Job", "batch"),
        new("spec/jobTemplate/metadata/labels", true, "CronJob", "batch"),
        new("spec/jobTemplate/spec/template/metadata/labels", true, "CronJob", "batch"),
    ];

    public static readonly FieldSpec MetadataLabels = new("metadata/labels", true);

    /// <summary>commonLabels and <c>labels.includeSelectors</c>: selectors, templates and metadata.</summary>
    public static readonly FieldSpec[] CommonLabels = BuildCommonLabels();

    public static readonly FieldSpec[] CommonAnnotations =
    [
        new("metadata/annotations", true),
        new("spec/template/metadata/annotations", true, "ReplicationController", Version: "v1"),
        new("spec/template/metadata/annotations", true, "Deployment"),
        new("spec/template/metadata/annotations", true, "ReplicaSet"),
        new("spec/template/metadata/annotations", true, "DaemonSet"),
        new("spec/template/metadata/annotations", true, "StatefulSet"),
        new("spec/template/metadata/annotations", true, "Job", "batch"),
        new("spec/jobTemplate/metadata/annotations", true, "CronJob", "batch"),
        new("spec/jobTemplate/spec/template/metadata/annotations", true, "CronJob", "batch"),
    ];

    public static readonly FieldSpec[] Replicas =
    [
        new("spec/replicas", true, "Deployment"),
        new("spec/replicas", true, "ReplicationController"),
        new("spec/replicas", true, "ReplicaSet"),
        new("spec/replicas", true, "StatefulSet"),
    ];

    /// <summary>Image references outside containers (image volumes); containers are found anywhere.</summary>
    public static readonly FieldSpec[] ImageVolumes =
    [
        new("spec/volumes[]/image/reference"),
        new("spec/template/spec/volumes[]/image/reference"),
    ];

    /// <summary>Namespace fields besides metadata.namespace.</summary>
    public static readonly FieldSpec[] NamespaceExtras =
    [
        new("spec/service/namespace", true, "APIService", "apiregistration.k8s.io"),
        new("spec/conversion/webhook/clientConfig/service/namespace", false, "CustomResourceDefinition", "apiextensions.k8s.io"),
    ];

    private static FieldSpec[] BuildCommonLabels()
    {
        var specs = new List<FieldSpec>
        {
            new("spec/selector", true, "Service", Version: "v1"),
            new("spec/selector", true, "ReplicationController", Version: "v1"),
            new("spec/selector/matchLabels", true, "Deployment"),
            new("spec/selector/matchLabels", true, "ReplicaSet"),
            new("spec/selector/matchLabels", true, "DaemonSet"),
            new("spec/selector/matchLabels", true, "StatefulSet", "apps"),
            new("spec/selector/matchLabels", false, "Job", "batch"),
            new("spec/jobTemplate/spec/selector/matchLabels", false, "CronJob", "batch"),
            new("spec/selector/matchLabels", false, "PodDisruptionBudget", "policy"),
            new("spec/podSelector/matchLabels", false, "NetworkPolicy", "networking.k8s.io"),
            new("spec/ingress/from/podSelector/matchLabels", false, "NetworkPolicy", "networking.k8s.io"),
            new("spec/egress/to/podSelector/matchLabels", false, "NetworkPolicy", "networking.k8s.io"),
        };
        foreach (var kind in new[] { "Deployment", "StatefulSet" })
        {
            foreach (var affinity in new[] { "podAffinity", "podAntiAffinity" })
            {
                specs.Add(new($"spec/template/spec/affinity/{affinity}/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels", false, kind, "apps"));
                specs.Add(new($"spec/template/spec/affinity/{affinity}/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels", false, kind, "apps"));
            }

            specs.Add(new("spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", false, kind, "apps"));
        }

        specs.Add(MetadataLabels);
        specs.AddRange(TemplateLabels);
        return [.. specs];
    }

    /// <summary>Kustomize's default image field specs: pod and pod template containers, then image volumes.</summary>
    public static readonly FieldSpec[] ContainerImagesAndVolumes =
    [
        new("spec/containers[]/image"),
        new("spec/initContainers[]/image"),
        new("spec/template/spec/containers[]/image"),
        new("spec/template/spec/initContainers[]/image"),
        .. ImageVolumes,
    ];
    /// <summary>Kustomize's default image field specs (the <c>images</c> transformer config).</summary>
    public static readonly FieldSpec[] ContainerImages =
    [
        new("spec/containers[]/image", true),
        new("spec/initContainers[]/image", true),
        new("spec/template/spec/containers[]/image", true),
        new("spec/template/spec/initContainers[]/image", true),
    ];

    /// <summary>Where Kustomize replaces <c>$(VAR)</c> by default (its varReference config, in its order).</summary>
    public static readonly FieldSpec[] VarReference = BuildVarReference();

    private static FieldSpec[] BuildVarReference()
    {
        var specs = new List<FieldSpec>();
        void Pod(string prefix, string kind, string volumes)
        {
            foreach (var c in new[] { "containers", "initContainers" })
            {
                foreach (var f in new[] { "args", "command", "env/value", "volumeMounts/mountPath" })
                {
                    specs.Add(new($"{prefix}/{c}/{f}", Kind: kind));
                }
            }

            specs.Add(new(volumes, Kind: kind));
        }

        // CronJob's volume path misses "spec/" in Kustomize's config, so it never matches.
        Pod("spec/jobTemplate/spec/template/spec", "CronJob", "spec/jobTemplate/spec/template/volumes/nfs/server");
        Pod("spec/template/spec", "DaemonSet", "spec/template/spec/volumes/nfs/server");
        Pod("spec/template/spec", "Deployment", "spec/template/spec/volumes/nfs/server");
        specs.Add(new("spec/template/metadata/annotations", Kind: "Deployment"));
        specs.Add(new("spec/rules/host", Kind: "Ingress"));
        specs.Add(new("spec/tls/hosts", Kind: "Ingress"));
        specs.Add(new("spec/tls/secretName", Kind: "Ingress"));
        Pod("spec/template/spec", "Job", "spec/template/spec/volumes/nfs/server");
        Pod("spec", "Pod", "spec/volumes/nfs/server");
        Pod("spec/template/spec", "ReplicaSet", "spec/template/spec/volumes/nfs/server");
        specs.Add(new("spec/ports/port", Kind: "Service"));
        specs.Add(new("spec/ports/targetPort", Kind: "Service"));
        Pod("spec/template/spec", "StatefulSet", "spec/volumeClaimTemplates/spec/nfs/server");
        specs.Add(new("spec/nfs/server", Kind: "PersistentVolume"));
        specs.Add(new("metadata/labels"));
        specs.Add(new("metadata/annotations"));
        return [.. specs];
    }
}
