using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace GitOps.Core.Registry;

/// <summary>One reader per entry kind. An entry with any error yields null; its errors are recorded.</summary>
internal sealed partial class RegistryFileReader
{
    private static readonly ImmutableArray<string> SourceFields = ["name", "url", "branch", "tokenSetting", "webhookTokenSetting", "gitlab"];
    private static readonly ImmutableArray<string> GitLabFields = ["project", "apiUrl", "apiTokenSetting"];
    private static readonly ImmutableArray<string> ClusterFields =
        ["name", "kubeconfigFile", "kubeconfigSetting", "context", "server", "tokenSetting", "caSetting", "azureAuth", "insecureSkipTlsVerify"];
    private static readonly ImmutableArray<string> AppFields =
        ["name", "source", "path", "clusters", "namespace", "syncPolicy", "driftPolicy", "variables", "strictVariables",
         "prune", "allowEmpty", "force", "autoRollback", "allowFloatingRefs", "allowedNamespaces", "clusterScopedKinds", "crdTimeout", "healthTimeout", "ignoreDifferences"];

    private static readonly ImmutableArray<string> ChannelFields = ["name", "type", "urlSetting", "secretSetting", "apps", "clusters", "minSeverity", "kinds"];

    private static readonly ImmutableArray<string> IgnoreFields = ["group", "kind", "name", "namespace", "jsonPointers", "managedFieldsManagers"];

    private SourceDefinition? ReadSource(YamlMappingNode node, string path, EntryNames names)
    {
        var errors = _errors.Count;
        var fields = Fields(node, path, SourceFields);
        if (fields is null)
        {
            return null;
        }

        var name = ReadName(fields, path, node, EntryKind.Source, names);
        var url = Checked(fields, "url", path, node, required: true, RegistryRules.CheckUrl);
        var branch = Checked(fields, "branch", path, node, required: false, RegistryRules.CheckBranch);
        var tokenSetting = Checked(fields, "tokenSetting", path, node, required: false, RegistryRules.CheckSettingName);
        var webhookTokenSetting = Checked(fields, "webhookTokenSetting", path, node, required: false, RegistryRules.CheckSettingName);
        var gitlab = GitLab(fields, path);
        return _errors.Count > errors || name is null || url is null
            ? null
            : new SourceDefinition(name, url, branch ?? "main", tokenSetting) { WebhookTokenSetting = webhookTokenSetting, GitLab = gitlab };
    }

    /// <summary><c>gitlab:</c> the project (path or id), and the API URL with the setting of its token (both or neither).</summary>
    private GitLabProject? GitLab(Dictionary<string, Field> fields, string path)
    {
        if (!fields.TryGetValue("gitlab", out var field) || IsNull(field.Value))
        {
            return null;
        }

        var blockPath = Join(path, "gitlab");
        var block = Fields(field.Value, blockPath, GitLabFields);
        if (block is null)
        {
            return null;
        }

        var project = Checked(block, "project", blockPath, field.Value, required: false, RegistryRules.CheckGitLabProject);
        var apiUrl = Checked(block, "apiUrl", blockPath, field.Value, required: false, RegistryRules.CheckApiUrl);
        var apiTokenSetting = Checked(block, "apiTokenSetting", blockPath, field.Value, required: false, RegistryRules.CheckSettingName);
        if (Present(block, "apiUrl") != Present(block, "apiTokenSetting"))
        {
            Error(field.Value, blockPath, "apiUrl and apiTokenSetting go together: commit statuses need both");
        }

        return new GitLabProject(project, apiUrl, apiTokenSetting);
    }

    /// <summary>A <c>notifications:</c> entry: where alerts go (the URL's setting, never the URL: it is a secret) and which.</summary>
    private NotificationChannel? ReadChannel(YamlMappingNode node, string path, EntryNames names)
    {
        var errors = _errors.Count;
        if (node.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value is "url" or "secret") is { } secretKey)
        {
            // Said before the generic unknown-field error, and without echoing the value.
            Error(secretKey, Join(path, secretKey.Value!), $"a webhook {secretKey.Value} is a secret: put it in a setting and name the setting in {secretKey.Value}Setting");
            node.Children.Remove(secretKey);
        }

        var fields = Fields(node, path, ChannelFields);
        if (fields is null)
        {
            return null;
        }

        var name = ReadName(fields, path, node, EntryKind.Notification, names);
        var typeText = String(fields, "type", path, node, required: true);
        var type = typeText is null ? null : RegistryRules.TryParseChannelType(typeText);
        if (typeText is not null && type is null)
        {
            Error(fields["type"].Value, Join(path, "type"), $"'{typeText}' is not a channel type: use slack, teams, googlechat or webhook");
        }

        var urlSetting = Checked(fields, "urlSetting", path, node, required: true, RegistryRules.CheckSettingName);
        var secretSetting = Checked(fields, "secretSetting", path, node, required: false, RegistryRules.CheckSettingName);
        if (type == ChannelType.Webhook && !Present(fields, "secretSetting"))
        {
            Error(node, Join(path, "secretSetting"), "a webhook channel signs what it sends: name the setting holding its secret (whsec_ + base64)");
        }
        else if (type is not null && type != ChannelType.Webhook && Present(fields, "secretSetting"))
        {
            Error(fields["secretSetting"].Value, Join(path, "secretSetting"), $"only webhook channels are signed; {typeText} channels authenticate by their URL");
        }

        var apps = fields.ContainsKey("apps") ? StringList(fields, "apps", path, node) : [];
        for (var i = 0; apps is not null && i < apps.Count; i++)
        {
            names.Refer(EntryKind.App, apps[i].Value, apps[i].Node, $"{Join(path, "apps")}[{i}]");
        }

        var clusters = fields.ContainsKey("clusters") ? StringList(fields, "clusters", path, node) : [];
        for (var i = 0; clusters is not null && i < clusters.Count; i++)
        {
            names.Refer(EntryKind.Cluster, clusters[i].Value, clusters[i].Node, $"{Join(path, "clusters")}[{i}]");
        }

        var severityText = String(fields, "minSeverity", path, node, required: false);
        Alerts.AlertSeverity? severity = severityText switch
        {
            null => Alerts.AlertSeverity.Warning,
            "info" => Alerts.AlertSeverity.Info,
            "warning" => Alerts.AlertSeverity.Warning,
            "error" => Alerts.AlertSeverity.Error,
            _ => null,
        };
        if (severity is null)
        {
            Error(fields["minSeverity"].Value, Join(path, "minSeverity"), $"'{severityText}' is not a severity: use info, warning or error");
        }

        var kindTexts = fields.ContainsKey("kinds") ? StringList(fields, "kinds", path, node) : [];
        var kinds = new List<Alerts.AlertKind>();
        for (var i = 0; kindTexts is not null && i < kindTexts.Count; i++)
        {
            if (RegistryRules.ParseAlertKind(kindTexts[i].Value) is { } kind)
            {
                kinds.Add(kind);
            }
            else
            {
                Error(kindTexts[i].Node, $"{Join(path, "kinds")}[{i}]", $"'{kindTexts[i].Value}' is not an alert kind; use {string.Join(", ", System.Enum.GetValues<Alerts.AlertKind>().Select(RegistryRules.AlertKindName))}");
            }
        }

        return _errors.Count > errors || name is null || type is null || urlSetting is null || severity is null || apps is null || clusters is null
            ? null
            : new NotificationChannel(name, type.Value, urlSetting)
            {
                SecretSetting = secretSetting,
                Apps = apps.Select(a => a.Value).ToList(),
                Clusters = clusters.Select(c => c.Value).ToList(),
                MinSeverity = severity.Value,
                Kinds = kinds,
            };
    }

    private ClusterDefinition? ReadCluster(YamlMappingNode node, string path, EntryNames names)
    {
        var errors = _errors.Count;
        var fields = Fields(node, path, ClusterFields);
        if (fields is null)
        {
            return null;
        }

        var name = ReadName(fields, path, node, EntryKind.Cluster, names);
        var file = Checked(fields, "kubeconfigFile", path, node, required: false, RegistryRules.CheckNotEmpty);
        var setting = Checked(fields, "kubeconfigSetting", path, node, required: false, RegistryRules.CheckSettingName);
        var context = Checked(fields, "context", path, node, required: false, RegistryRules.CheckNotEmpty);
        var server = Checked(fields, "server", path, node, required: false, RegistryRules.CheckServerUrl);
        var tokenSetting = Checked(fields, "tokenSetting", path, node, required: false, RegistryRules.CheckSettingName);
        var caSetting = Checked(fields, "caSetting", path, node, required: false, RegistryRules.CheckSettingName);
        var azureAuth = Bool(fields, "azureAuth", path) ?? false;
        var insecure = Bool(fields, "insecureSkipTlsVerify", path) ?? false;

        // Exactly one way to connect: a kubeconfig file, a kubeconfig setting, server + token, or server + Azure.
        var modes = new List<(string Field, bool Given)>
        {
            ("kubeconfigFile", Present(fields, "kubeconfigFile")),
            ("kubeconfigSetting", Present(fields, "kubeconfigSetting")),
            ("tokenSetting", Present(fields, "tokenSetting")),
            ("azureAuth", azureAuth),
        }.Where(m => m.Given).Select(m => m.Field).ToList();
        var hasServer = Present(fields, "server");
        if (modes.Count > 1)
        {
            Error(fields.GetValueOrDefault(modes[1]).Key ?? (YamlNode)node, path, $"give one way to connect, not {string.Join(" and ", modes)}");
        }
        else if (modes.Count == 0)
        {
            Error(node, path, "how to connect is required: give kubeconfigFile, kubeconfigSetting, server with tokenSetting, or server with azureAuth: true");
        }
        else if (modes[0] is "tokenSetting" or "azureAuth" && !hasServer)
        {
            Error(fields.GetValueOrDefault(modes[0]).Key ?? (YamlNode)node, path, $"{modes[0]} needs server (the API server's https URL)");
        }
        else if (modes[0] is "kubeconfigFile" or "kubeconfigSetting" && (hasServer || Present(fields, "caSetting")))
        {
            Error(fields.GetValueOrDefault(hasServer ? "server" : "caSetting").Key, path, $"{(hasServer ? "server" : "caSetting")} goes with tokenSetting or azureAuth; the kubeconfig names its own server and CA");
        }

        if (Present(fields, "context") && modes.FirstOrDefault() is "tokenSetting" or "azureAuth")
        {
            Error(fields["context"].Key, path, "context is a kubeconfig context: it goes with kubeconfigFile or kubeconfigSetting");
        }

        return _errors.Count > errors || name is null
            ? null
            : new ClusterDefinition(name, file, setting, context)
            {
                Server = server,
                TokenSetting = tokenSetting,
                CaSetting = caSetting,
                AzureAuth = azureAuth,
                InsecureSkipTlsVerify = insecure,
            };
    }

    private AppDefinition? ReadApp(YamlMappingNode node, string path, EntryNames names)
    {
        var errors = _errors.Count;
        var fields = Fields(node, path, AppFields);
        if (fields is null)
        {
            return null;
        }

        var name = ReadName(fields, path, node, EntryKind.App, names);
        var source = String(fields, "source", path, node, required: true);
        if (source is not null)
        {
            names.Refer(EntryKind.Source, source, fields["source"].Value, Join(path, "source"));
        }

        var repoPath = String(fields, "path", path, node, required: true) is { } rawPath
            ? NormalizedPath(rawPath, fields["path"].Value, Join(path, "path"))
            : null;
        var clusters = StringList(fields, "clusters", path, node);
        for (var i = 0; clusters is not null && i < clusters.Count; i++)
        {
            names.Refer(EntryKind.Cluster, clusters[i].Value, clusters[i].Node, $"{Join(path, "clusters")}[{i}]");
        }

        var ns = Checked(fields, "namespace", path, node, required: false, RegistryRules.CheckName);
        var sync = Enum<SyncPolicy>(fields, "syncPolicy", path, node);
        var drift = Enum<DriftPolicy>(fields, "driftPolicy", path, node);
        var variables = StringMap(fields, "variables", path, RegistryRules.CheckVariableName);
        var strict = Bool(fields, "strictVariables", path);
        var prune = Bool(fields, "prune", path);
        var allowEmpty = Bool(fields, "allowEmpty", path);
        var force = Bool(fields, "force", path);
        var autoRollback = Bool(fields, "autoRollback", path);
        var allowFloatingRefs = Bool(fields, "allowFloatingRefs", path);
        var allowedNamespaces = fields.ContainsKey("allowedNamespaces") ? StringList(fields, "allowedNamespaces", path, node) : null;
        for (var i = 0; allowedNamespaces is not null && i < allowedNamespaces.Count; i++)
        {
            if (RegistryRules.CheckName(allowedNamespaces[i].Value) is { } problem)
            {
                Error(allowedNamespaces[i].Node, $"{Join(path, "allowedNamespaces")}[{i}]", problem);
            }
        }

        var clusterScopedKinds = fields.ContainsKey("clusterScopedKinds") ? StringList(fields, "clusterScopedKinds", path, node) : null;
        var crdTimeout = Checked(fields, "crdTimeout", path, node, required: false, RegistryRules.CheckDuration);
        var ignore = IgnoreDifferences(fields, path);
        var healthTimeout = Checked(fields, "healthTimeout", path, node, required: false, RegistryRules.CheckDuration);
        if (_errors.Count > errors || name is null || source is null || repoPath is null || clusters is null || variables is null)
        {
            return null;
        }

        return new AppDefinition
        {
            Name = name,
            Source = source,
            Path = repoPath,
            Clusters = clusters.Select(c => c.Value).ToList(),
            Namespace = ns,
            SyncPolicy = sync ?? SyncPolicy.Auto,
            DriftPolicy = drift ?? DriftPolicy.Alert,
            Variables = variables,
            StrictVariables = strict ?? false,
            Prune = prune ?? true,
            AllowEmpty = allowEmpty ?? false,
            Force = force ?? false,
            AutoRollback = autoRollback ?? false,
            AllowFloatingRefs = allowFloatingRefs ?? false,
            AllowedNamespaces = allowedNamespaces?.Select(n => n.Value).ToList(),
            ClusterScopedKinds = clusterScopedKinds?.Select(k => k.Value).ToList(),
            IgnoreDifferences = ignore ?? [],
            HealthTimeout = healthTimeout is null ? null : RegistryRules.ParseDuration(healthTimeout),
            CrdTimeout = crdTimeout is null ? AppDefinition.DefaultCrdTimeout : RegistryRules.ParseDuration(crdTimeout),
        };
    }

    /// <summary><c>ignoreDifferences</c>: a list of rules, each naming a kind and what to ignore (JSON pointers, managers, or both).</summary>
    private List<IgnoreDifference>? IgnoreDifferences(Dictionary<string, Field> fields, string path)
    {
        if (!fields.TryGetValue("ignoreDifferences", out var field) || IsNull(field.Value))
        {
            return null;
        }

        var listPath = Join(path, "ignoreDifferences");
        if (field.Value is not YamlSequenceNode sequence)
        {
            Error(field.Value, listPath, $"expected a list, found {Describe(field.Value)}");
            return null;
        }

        var rules = new List<IgnoreDifference>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = $"{listPath}[{i}]";
            var item = sequence.Children[i];
            var ruleFields = Fields(item, itemPath, IgnoreFields);
            if (ruleFields is null)
            {
                continue;
            }

            var kind = String(ruleFields, "kind", itemPath, item, required: true);
            var group = String(ruleFields, "group", itemPath, item, required: false) ?? string.Empty;
            var pointers = ruleFields.ContainsKey("jsonPointers") ? StringList(ruleFields, "jsonPointers", itemPath, item) : [];
            var managers = ruleFields.ContainsKey("managedFieldsManagers") ? StringList(ruleFields, "managedFieldsManagers", itemPath, item) : [];
            foreach (var (pointer, pointerNode) in pointers ?? [])
            {
                if (!pointer.StartsWith('/'))
                {
                    Error(pointerNode, $"{itemPath}.jsonPointers", $"'{pointer}' is not a JSON pointer (RFC 6901): it starts with '/', as /spec/replicas");
                }
            }

            if (pointers is { Count: 0 } && managers is { Count: 0 })
            {
                Error(item, itemPath, "name jsonPointers, managedFieldsManagers or both");
            }

            if (kind is not null && pointers is not null && managers is not null)
            {
                rules.Add(new IgnoreDifference(group, kind)
                {
                    Name = String(ruleFields, "name", itemPath, item, required: false),
                    Namespace = String(ruleFields, "namespace", itemPath, item, required: false),
                    JsonPointers = pointers.Select(p => p.Value).ToList(),
                    ManagedFieldsManagers = managers.Select(m => m.Value).ToList(),
                });
            }
        }

        return rules;
    }

    private static bool Present(Dictionary<string, Field> fields, string name) => fields.TryGetValue(name, out var field) && !IsNull(field.Value);

    /// <summary>The entry's name: required, a DNS label, unique within its kind.</summary>
    private string? ReadName(Dictionary<string, Field> fields, string path, YamlNode owner, EntryKind kind, EntryNames names)
    {
        var name = Checked(fields, "name", path, owner, required: true, RegistryRules.CheckName);
        if (name is null)
        {
            names.Unnamed(kind);
            return null;
        }

        var node = fields["name"].Value;
        if (!names.Define(kind, name, node, out var firstNode))
        {
            Error(node, Join(path, "name"), $"duplicate {kind.Label()} name '{name}' (first defined at line {LineOf(firstNode.Start)})");
            return null;
        }

        return name;
    }

    private string? NormalizedPath(string raw, YamlNode node, string path)
    {
        var normalized = RegistryRules.NormalizePath(raw, out var problem);
        if (problem is not null)
        {
            Error(node, path, problem);
        }

        return normalized;
    }
}
