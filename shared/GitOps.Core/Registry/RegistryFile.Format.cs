using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Core.Registry;

/// <summary>Writing a registry back as a registry file (<c>gitops registry list -o yaml</c>); <see cref="Parse"/> reads it back equal.</summary>
public static partial class RegistryFile
{
    /// <summary>The registry as a registry file: unset optional fields omitted, entries in the snapshot's order.</summary>
    public static string Format(RegistrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var writer = new StringWriter();
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart());
        Field(emitter, "apiVersion", ApiVersion);
        Field(emitter, "kind", Kind);
        List(emitter, "sources", snapshot.Sources, source =>
        {
            Field(emitter, "name", source.Name);
            Field(emitter, "url", source.Url);
            Field(emitter, "branch", source.Branch);
            Field(emitter, "tokenSetting", source.TokenSetting);
            Field(emitter, "webhookTokenSetting", source.WebhookTokenSetting);
            if (source.GitLab is { } gitlab)
            {
                Scalar(emitter, "gitlab");
                emitter.Emit(new MappingStart());
                Field(emitter, "project", gitlab.Project);
                Field(emitter, "apiUrl", gitlab.ApiUrl);
                Field(emitter, "apiTokenSetting", gitlab.ApiTokenSetting);
                emitter.Emit(new MappingEnd());
            }
        });
        List(emitter, "clusters", snapshot.Clusters, cluster =>
        {
            Field(emitter, "name", cluster.Name);
            Field(emitter, "kubeconfigFile", cluster.KubeconfigFile);
            Field(emitter, "kubeconfigSetting", cluster.KubeconfigSetting);
            Field(emitter, "context", cluster.Context);
            Field(emitter, "server", cluster.Server);
            Field(emitter, "tokenSetting", cluster.TokenSetting);
            Field(emitter, "caSetting", cluster.CaSetting);
            if (cluster.AzureAuth)
            {
                Bool(emitter, "azureAuth", true);
            }

            if (cluster.InsecureSkipTlsVerify)
            {
                Bool(emitter, "insecureSkipTlsVerify", true);
            }
        });
        List(emitter, "apps", snapshot.Apps, app =>
        {
            Field(emitter, "name", app.Name);
            Field(emitter, "source", app.Source);
            Field(emitter, "path", app.Path);
            FlowList(emitter, "clusters", app.Clusters);
            Field(emitter, "namespace", app.Namespace);
            Field(emitter, "syncPolicy", app.SyncPolicy.ToString().ToLowerInvariant());
            Field(emitter, "driftPolicy", app.DriftPolicy.ToString().ToLowerInvariant());
            if (app.StrictVariables)
            {
                Bool(emitter, "strictVariables", true);
            }

            if (!app.Prune)
            {
                Bool(emitter, "prune", false);
            }

            if (app.AllowEmpty)
            {
                Bool(emitter, "allowEmpty", true);
            }

            if (app.Force)
            {
                Bool(emitter, "force", true);
            }

            if (app.AutoRollback)
            {
                Bool(emitter, "autoRollback", true);
            }

            if (app.AllowFloatingRefs)
            {
                Bool(emitter, "allowFloatingRefs", true);
            }

            FlowList(emitter, "allowedNamespaces", app.AllowedNamespaces);
            FlowList(emitter, "clusterScopedKinds", app.ClusterScopedKinds);
            if (app.IgnoreDifferences.Count > 0)
            {
                Scalar(emitter, "ignoreDifferences");
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var rule in app.IgnoreDifferences)
                {
                    emitter.Emit(new MappingStart());
                    if (rule.Group.Length > 0)
                    {
                        Field(emitter, "group", rule.Group);
                    }

                    Field(emitter, "kind", rule.Kind);
                    Field(emitter, "name", rule.Name);
                    Field(emitter, "namespace", rule.Namespace);
                    FlowList(emitter, "jsonPointers", rule.JsonPointers.Count > 0 ? rule.JsonPointers : null);
                    FlowList(emitter, "managedFieldsManagers", rule.ManagedFieldsManagers.Count > 0 ? rule.ManagedFieldsManagers : null);
                    emitter.Emit(new MappingEnd());
                }

                emitter.Emit(new SequenceEnd());
            }

            if (app.HealthTimeout is { } healthTimeout)
            {
                Field(emitter, "healthTimeout", RegistryRules.FormatDuration(healthTimeout));
            }

            if (app.CrdTimeout != AppDefinition.DefaultCrdTimeout)
            {
                Field(emitter, "crdTimeout", RegistryRules.FormatDuration(app.CrdTimeout));
            }

            if (app.Variables.Count > 0)
            {
                Scalar(emitter, "variables");
                emitter.Emit(new MappingStart());
                foreach (var (name, value) in app.Variables.OrderBy(v => v.Key, StringComparer.Ordinal))
                {
                    Field(emitter, name, value);
                }

                emitter.Emit(new MappingEnd());
            }
        });
        if (snapshot.Notifications.Count > 0)
        {
            List(emitter, "notifications", snapshot.Notifications, channel =>
            {
                Field(emitter, "name", channel.Name);
                Field(emitter, "type", RegistryRules.ChannelTypeName(channel.Type));
                Field(emitter, "urlSetting", channel.UrlSetting);
                Field(emitter, "secretSetting", channel.SecretSetting);
                FlowList(emitter, "apps", channel.Apps.Count > 0 ? channel.Apps : null);
                FlowList(emitter, "clusters", channel.Clusters.Count > 0 ? channel.Clusters : null);
                Field(emitter, "minSeverity", channel.MinSeverity.ToString().ToLowerInvariant());
                FlowList(emitter, "kinds", channel.Kinds.Count > 0 ? channel.Kinds.Select(RegistryRules.AlertKindName).ToList() : null);
            });
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void List<T>(IEmitter emitter, string name, IReadOnlyList<T> entries, Action<T> writeEntry)
    {
        Scalar(emitter, name);
        emitter.Emit(new SequenceStart(null, null, true, entries.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
        foreach (var entry in entries)
        {
            emitter.Emit(new MappingStart());
            writeEntry(entry);
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new SequenceEnd());
    }

    private static void FlowList(IEmitter emitter, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        Scalar(emitter, name);
        emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
        foreach (var value in values)
        {
            Scalar(emitter, value);
        }

        emitter.Emit(new SequenceEnd());
    }

    private static void Bool(IEmitter emitter, string name, bool value)
    {
        Scalar(emitter, name);
        emitter.Emit(new Scalar(null, null, value ? "true" : "false", ScalarStyle.Plain, true, false));
    }

    private static void Field(IEmitter emitter, string name, string? value)
    {
        if (value is not null)
        {
            Scalar(emitter, name);
            Scalar(emitter, value);
        }
    }

    /// <summary>
    /// A string scalar: plain where YAML reads it back as the same string (numbers and booleans
    /// included, the reader keeps their text), quoted where plain would read as null.
    /// </summary>
    private static void Scalar(IEmitter emitter, string value)
    {
        var readsAsNull = value is "" or "~" or "null" or "Null" or "NULL";
        emitter.Emit(new Scalar(null, null, value, readsAsNull ? ScalarStyle.SingleQuoted : ScalarStyle.Any, !readsAsNull, readsAsNull));
    }
}
