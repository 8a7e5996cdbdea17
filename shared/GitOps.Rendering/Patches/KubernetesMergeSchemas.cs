using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Patches;

/// <summary>
/// The patch merge keys of the built-in Kubernetes types that kustomize (v5, OpenAPI of Kubernetes 1.21)
/// honours, from the <c>patchMergeKey</c>/<c>patchStrategy</c> tags of k8s.io/api: containers, init and
/// ephemeral containers, volumes, image pull secrets by <c>name</c>; env by <c>name</c>; volume mounts by
/// <c>mountPath</c>; volume devices by <c>devicePath</c>; host aliases by <c>ip</c>; container ports by
/// (<c>containerPort</c>, <c>protocol</c>); service ports by (<c>port</c>, <c>protocol</c>); topology spread
/// constraints by (<c>topologyKey</c>, <c>whenUnsatisfiable</c>); owner references by <c>uid</c>; finalizers
/// as a set. Everything else (tolerations, args, command, envFrom, ...) is replaced. Kinds outside the
/// built-in API groups (custom resources) get no schema: every list is replaced.
/// </summary>
internal static class KubernetesMergeSchemas
{
    private static readonly FrozenSet<string> BuiltInGroups = new[]
    {
        "", "apps", "batch", "extensions", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io",
        "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "certificates.k8s.io", "discovery.k8s.io",
        "node.k8s.io", "events.k8s.io", "apiextensions.k8s.io", "admissionregistration.k8s.io",
        "apiregistration.k8s.io", "flowcontrol.apiserver.k8s.io", "authentication.k8s.io", "authorization.k8s.io",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly MergeSchema ObjectMeta = Schema(
        ("finalizers", MergeField.PrimitiveSet()),
        ("ownerReferences", MergeField.ListBy(null, "uid")));

    private static readonly MergeSchema Container = Schema(
        ("ports", MergeField.ListBy(null, "containerPort", "protocol")),
        ("env", MergeField.ListBy(null, "name")),
        ("volumeMounts", MergeField.ListBy(null, "mountPath")),
        ("volumeDevices", MergeField.ListBy(null, "devicePath")));

    private static readonly MergeSchema PodSpec = Schema(
        ("containers", MergeField.ListBy(Container, "name")),
        ("initContainers", MergeField.ListBy(Container, "name")),
        ("ephemeralContainers", MergeField.ListBy(Container, "name")),
        ("volumes", MergeField.ListBy(null, "name")),
        ("imagePullSecrets", MergeField.ListBy(null, "name")),
        ("hostAliases", MergeField.ListBy(null, "ip")),
        ("topologySpreadConstraints", MergeField.ListBy(null, "topologyKey", "whenUnsatisfiable")));

    private static readonly MergeSchema PodTemplateSpec = Schema(
        ("metadata", MergeField.Map(ObjectMeta)),
        ("spec", MergeField.Map(PodSpec)));

    private static readonly MergeSchema MetadataOnly = Schema(("metadata", MergeField.Map(ObjectMeta)));

    private static readonly MergeSchema Workload = Schema(
        ("metadata", MergeField.Map(ObjectMeta)),
        ("spec", MergeField.Map(Schema(("template", MergeField.Map(PodTemplateSpec))))));

    private static readonly MergeSchema CronJob = Schema(
        ("metadata", MergeField.Map(ObjectMeta)),
        ("spec", MergeField.Map(Schema(("jobTemplate", MergeField.Map(Schema(
            ("metadata", MergeField.Map(ObjectMeta)),
            ("spec", MergeField.Map(Schema(("template", MergeField.Map(PodTemplateSpec))))))))))));

    private static readonly MergeSchema Pod = Schema(
        ("metadata", MergeField.Map(ObjectMeta)),
        ("spec", MergeField.Map(PodSpec)));

    private static readonly MergeSchema PodTemplate = Schema(
        ("metadata", MergeField.Map(ObjectMeta)),
        ("template", MergeField.Map(PodTemplateSpec)));

    private static readonly MergeSchema Service = Schema(
        ("metadata", MergeField.Map(ObjectMeta)),
        ("spec", MergeField.Map(Schema(("ports", MergeField.ListBy(null, "port", "protocol"))))));

    private static readonly MergeSchema ServiceAccount = Schema(
        ("metadata", MergeField.Map(ObjectMeta)),
        ("secrets", MergeField.ListBy(null, "name")));

    /// <summary>The schema for an object's apiVersion and kind, or null for kinds kustomize has no schema for.</summary>
    public static MergeSchema? For(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/');
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        if (apiVersion.Length == 0 || kind.Length == 0 || !BuiltInGroups.Contains(group))
        {
            return null;
        }

        return (group, kind) switch
        {
            ("apps" or "extensions", "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet") => Workload,
            ("", "ReplicationController") or ("batch", "Job") => Workload,
            ("batch", "CronJob") => CronJob,
            ("", "Pod") => Pod,
            ("", "PodTemplate") => PodTemplate,
            ("", "Service") => Service,
            ("", "ServiceAccount") => ServiceAccount,
            _ => MetadataOnly,
        };
    }

    /// <summary>The schema for <paramref name="obj"/>'s apiVersion and kind.</summary>
    public static MergeSchema? For(JsonObject obj)
        => For(StringField(obj, "apiVersion"), StringField(obj, "kind"));

    private static string StringField(JsonObject obj, string name)
        => obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    private static MergeSchema Schema(params (string Name, MergeField Field)[] fields)
        => new(fields.ToDictionary(f => f.Name, f => f.Field, StringComparer.Ordinal));
}
