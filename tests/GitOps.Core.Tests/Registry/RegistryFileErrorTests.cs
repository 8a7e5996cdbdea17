using GitOps.Core.Registry;

namespace GitOps.Core.Tests.Registry;

/// <summary>Each kind of bad input names the file, the line and the field. Lines refer to the YAML in each case.</summary>
public sealed class RegistryFileErrorTests
{
    private const string Header = "apiVersion: gitops-functions.io/v1\nkind: Registry\n";

    /// <summary>Lines 3-13 after <see cref="Header"/>: one source, one cluster, one app.</summary>
    private const string Body = """
        sources:
          - name: platform
            url: https://example.com/p.git
        clusters:
          - name: prod
            kubeconfigSetting: KUBE_PROD
        apps:
          - name: web
            source: platform
            path: apps/web
            clusters: [prod]

        """;

    public static TheoryData<string, string> Cases => new()
    {
        // Header.
        { "kind: Registry\n", "registry.yaml:1: apiVersion: is required" },
        { "apiVersion: gitops-functions.io/v2\nkind: Registry\n", "registry.yaml:1: apiVersion: 'gitops-functions.io/v2' is not supported; expected gitops-functions.io/v1" },
        { "apiVersion: gitops-functions.io/v1\nkind: Cluster\n", "registry.yaml:2: kind: 'Cluster' is not supported; expected Registry" },
        { "- a\n- b\n", "registry.yaml:1: expected a mapping, found a list" },

        // Ways to connect to a cluster.
        { Header + Body.Replace("    kubeconfigSetting: KUBE_PROD", "    kubeconfigSetting: KUBE_PROD\n    tokenSetting: T", StringComparison.Ordinal), "registry.yaml:9: clusters[0]: give one way to connect, not kubeconfigSetting and tokenSetting" },
        { Header + Body.Replace("    kubeconfigSetting: KUBE_PROD", "    tokenSetting: T", StringComparison.Ordinal), "registry.yaml:8: clusters[0]: tokenSetting needs server" },
        { Header + Body.Replace("    kubeconfigSetting: KUBE_PROD", "    server: http://k.example.com\n    tokenSetting: T", StringComparison.Ordinal), "registry.yaml:8: clusters[0].server: 'http://k.example.com' is not an https URL" },
        { Header + Body.Replace("    kubeconfigSetting: KUBE_PROD", "    kubeconfigSetting: KUBE_PROD\n    server: https://k.example.com", StringComparison.Ordinal), "registry.yaml:9: clusters[0]: server goes with tokenSetting or azureAuth" },
        { Header + Body.Replace("    kubeconfigSetting: KUBE_PROD", "    server: https://k.example.com\n    azureAuth: yes", StringComparison.Ordinal), "registry.yaml:9: clusters[0].azureAuth: expected true or false" },
        { Header + Body.Replace("    kubeconfigSetting: KUBE_PROD", "    server: https://k.example.com", StringComparison.Ordinal), "registry.yaml:7: clusters[0]: how to connect is required" },

        // Apply engine fields.
        { Header + Body + "    crdTimeout: soon\n", "registry.yaml:14: apps[0].crdTimeout: 'soon' is not a positive duration such as 90s, 2m or 1h30m" },
        { Header + Body + "    crdTimeout: 0s\n", "registry.yaml:14: apps[0].crdTimeout: '0s' is not a positive duration such as 90s, 2m or 1h30m" },
        { Header + Body + "    prune: maybe\n", "registry.yaml:14: apps[0].prune: expected true or false, found 'maybe'" },
        { Header + Body + "    allowedNamespaces: [web, Web_Prod]\n", "registry.yaml:14: apps[0].allowedNamespaces[1]:" },
        { Header + Body + "    allowedNamespaces: []\n", "registry.yaml:14: apps[0].allowedNamespaces: must name at least one entry" },
        { Header + Body + "    clusterScopedKinds: Namespace\n", "registry.yaml:14: apps[0].clusterScopedKinds: expected a list" },
        { Header + Body + "    ignoreDifferences:\n      - kind: Deployment\n        jsonPointers: [spec/replicas]\n", "registry.yaml:16: apps[0].ignoreDifferences[0].jsonPointers: 'spec/replicas' is not a JSON pointer (RFC 6901)" },
        { Header + Body + "    ignoreDifferences:\n      - kind: Deployment\n", "registry.yaml:15: apps[0].ignoreDifferences[0]: name jsonPointers, managedFieldsManagers or both" },
        { Header + Body + "    ignoreDifferences:\n      - jsonPointers: [/spec]\n", "registry.yaml:15: apps[0].ignoreDifferences[0].kind: is required" },
        { Header + Body + "    ignoreDifferences:\n      - kind: Deployment\n        jsonPointer: [/spec]\n", "registry.yaml:16: apps[0].ignoreDifferences[0].jsonPointer: unknown field 'jsonPointer'; did you mean 'jsonPointers'?" },

        // Unknown fields, with a suggestion when one is close.
        { Header + "metadata: {}\n", "registry.yaml:3: metadata: unknown field 'metadata'; known fields: apiVersion, kind, sources, clusters, apps" },
        { Header + Body + "    synPolicy: auto\n", "registry.yaml:14: apps[0].synPolicy: unknown field 'synPolicy'; did you mean 'syncPolicy'?" },
        { Header + Body.Replace("    url:", "    URL:", StringComparison.Ordinal), "registry.yaml:5: sources[0].URL: unknown field 'URL'; did you mean 'url'?" },
        { Header + Body.Replace("    url:", "    URL:", StringComparison.Ordinal), "registry.yaml:4: sources[0].url: is required" },

        // Missing required fields.
        { Header + Body.Replace("    url: https://example.com/p.git\n", string.Empty, StringComparison.Ordinal), "registry.yaml:4: sources[0].url: is required" },
        { Header + Body.Replace("    path: apps/web\n", string.Empty, StringComparison.Ordinal), "registry.yaml:10: apps[0].path: is required" },
        { Header + Body.Replace("    clusters: [prod]\n", string.Empty, StringComparison.Ordinal), "registry.yaml:10: apps[0].clusters: is required" },
        { Header + Body.Replace("  - name: prod\n    kubeconfigSetting", "  - kubeconfigSetting", StringComparison.Ordinal), "registry.yaml:7: clusters[0].name: is required" },
        { Header + Body.Replace("    source: platform\n", "    source:\n", StringComparison.Ordinal), "registry.yaml:11: apps[0].source: is required" },

        // Wrong types.
        { Header + "sources:\n  name: platform\n", "registry.yaml:4: sources: expected a list, found a mapping" },
        { Header + "sources:\n  - platform\n", "registry.yaml:4: sources[0]: expected a mapping, found 'platform'" },
        { Header + Body.Replace("clusters: [prod]", "clusters: prod", StringComparison.Ordinal), "registry.yaml:13: apps[0].clusters: expected a list, found 'prod'" },
        { Header + Body.Replace("clusters: [prod]", "clusters: []", StringComparison.Ordinal), "registry.yaml:13: apps[0].clusters: must name at least one entry" },
        { Header + Body.Replace("clusters: [prod]", "clusters: [prod, prod]", StringComparison.Ordinal), "registry.yaml:13: apps[0].clusters[1]: 'prod' is listed twice (also at line 13)" },
        { Header + Body + "    strictVariables: yes\n", "registry.yaml:14: apps[0].strictVariables: expected true or false, found 'yes'" },
        { Header + Body + "    strictVariables: 'true'\n", "registry.yaml:14: apps[0].strictVariables: expected true or false, found 'true'" },
        { Header + Body + "    variables: [A]\n", "registry.yaml:14: apps[0].variables: expected a mapping, found a list" },
        { Header + Body + "    variables:\n      REGION: { a: b }\n", "registry.yaml:15: apps[0].variables.REGION: expected a string value (quote an empty one: ''), found a mapping" },
        { Header + Body + "    variables:\n      1REGION: x\n", "registry.yaml:15: apps[0].variables.1REGION: '1REGION' is not a variable name (letters, digits and '_', not starting with a digit)" },
        { Header + Body.Replace("path: apps/web", "path: { a: b }", StringComparison.Ordinal), "registry.yaml:12: apps[0].path: expected a string, found a mapping" },

        // Enums.
        { Header + Body + "    driftPolicy: fix\n", "registry.yaml:14: apps[0].driftPolicy: 'fix' is not one of alert, correct" },
        { Header + Body + "    syncPolicy: automated\n", "registry.yaml:14: apps[0].syncPolicy: 'automated' is not one of auto, manual" },

        // Duplicate names name both lines.
        { Header + Body + "  - name: web\n    source: platform\n    path: x\n    clusters: [prod]\n", "registry.yaml:14: apps[1].name: duplicate app name 'web' (first defined at line 10)" },
        { Header + Body.Replace("clusters:\n  - name: prod\n", "clusters:\n  - name: prod\n    kubeconfigFile: a\n  - name: prod\n", StringComparison.Ordinal), "registry.yaml:9: clusters[1].name: duplicate cluster name 'prod' (first defined at line 7)" },

        // References.
        { Header + Body.Replace("source: platform", "source: platfrom", StringComparison.Ordinal), "registry.yaml:11: apps[0].source: unknown source 'platfrom' (defined sources: platform)" },
        { Header + Body.Replace("clusters: [prod]", "clusters:\n      - prod\n      - staging", StringComparison.Ordinal), "registry.yaml:15: apps[0].clusters[1]: unknown cluster 'staging' (defined clusters: prod)" },

        // Names are DNS-1123 labels.
        { Header + Body.Replace("name: web", "name: Web", StringComparison.Ordinal), "registry.yaml:10: apps[0].name: 'Web' is not a DNS-1123 label" },
        { Header + Body.Replace("name: web", "name: web_", StringComparison.Ordinal), "registry.yaml:10: apps[0].name: 'web_' is not a DNS-1123 label" },
        { Header + Body.Replace("name: web", "name: " + new string('a', 64), StringComparison.Ordinal), "registry.yaml:10: apps[0].name: '" + new string('a', 64) + "' is not a DNS-1123 label" },
        { Header + Body + "    namespace: -web\n", "registry.yaml:14: apps[0].namespace: '-web' is not a DNS-1123 label" },

        // Clusters: exactly one way to connect.
        { Header + Body.Replace("    kubeconfigSetting: KUBE_PROD\n", "    kubeconfigSetting: KUBE_PROD\n    kubeconfigFile: /k\n", StringComparison.Ordinal), "registry.yaml:8: clusters[0]: give one way to connect, not kubeconfigFile and kubeconfigSetting" },
        { Header + Body.Replace("    kubeconfigSetting: KUBE_PROD\n", "    context: prod\n", StringComparison.Ordinal), "registry.yaml:7: clusters[0]: how to connect is required: give kubeconfigFile, kubeconfigSetting, server with tokenSetting, or server with azureAuth: true" },

        // Paths stay inside the repository.
        { Header + Body.Replace("path: apps/web", "path: ../other", StringComparison.Ordinal), "registry.yaml:12: apps[0].path: '../other' leaves the repository" },
        { Header + Body.Replace("path: apps/web", "path: apps/../../etc", StringComparison.Ordinal), "registry.yaml:12: apps[0].path: 'apps/../../etc' leaves the repository" },
        { Header + Body.Replace("path: apps/web", "path: /etc", StringComparison.Ordinal), "registry.yaml:12: apps[0].path: '/etc' must be relative to the repository root" },
        { Header + Body.Replace("path: apps/web", "path: 'apps\\web'", StringComparison.Ordinal), "registry.yaml:12: apps[0].path: 'apps\\web' must use '/' as separator" },

        // Notification channels (lines 14+).
        { Header + Body + "notifications:\n  - name: chat\n    type: slack\n    urlSetting: SLACK_URL\n", "" },
        { Header + Body + "notifications:\n  - name: chat\n    type: irc\n    urlSetting: SLACK_URL\n", "registry.yaml:16: notifications[0].type: 'irc' is not a channel type: use slack, teams, googlechat or webhook" },
        { Header + Body + "notifications:\n  - name: chat\n    type: slack\n    url: https://hooks.slack.com/services/T0/B0/s3cr3t\n", "registry.yaml:17: notifications[0].url: a webhook url is a secret: put it in a setting and name the setting in urlSetting" },
        { Header + Body + "notifications:\n  - name: chat\n    type: slack\n    urlSetting: https://hooks.slack.com/services/T0/B0/s3cr3t\n", "registry.yaml:17: notifications[0].urlSetting: is not a setting name" },
        { Header + Body + "notifications:\n  - name: hook\n    type: webhook\n    urlSetting: HOOK_URL\n", "registry.yaml:15: notifications[0].secretSetting: a webhook channel signs what it sends" },
        { Header + Body + "notifications:\n  - name: chat\n    type: teams\n    urlSetting: T\n    secretSetting: S\n", "registry.yaml:18: notifications[0].secretSetting: only webhook channels are signed" },
        { Header + Body + "notifications:\n  - name: chat\n    type: slack\n    urlSetting: T\n    apps: [api]\n", "registry.yaml:18: notifications[0].apps[0]: unknown app 'api' (defined apps: web)" },
        { Header + Body + "notifications:\n  - name: chat\n    type: slack\n    urlSetting: T\n    clusters: [dev]\n", "registry.yaml:18: notifications[0].clusters[0]: unknown cluster 'dev' (defined clusters: prod)" },
        { Header + Body + "notifications:\n  - name: chat\n    type: slack\n    urlSetting: T\n    minSeverity: critical\n", "registry.yaml:18: notifications[0].minSeverity: 'critical' is not a severity: use info, warning or error" },
        { Header + Body + "notifications:\n  - name: chat\n    type: slack\n    urlSetting: T\n    kinds: [drift, outage]\n", "registry.yaml:18: notifications[0].kinds[1]: 'outage' is not an alert kind; use drift, syncFailed" },
        { Header + Body + "notifications:\n  - name: chat\n    type: slack\n    urlSetting: T\n  - name: chat\n    type: teams\n    urlSetting: U\n", "registry.yaml:18: notifications[1].name: duplicate notification name 'chat' (first defined at line 15)" },

        // Sources.
        { Header + Body + "", "" },
        { Header + Body.Replace("url: https://example.com/p.git", "url: https://example.com/p.git\n    webhookTokenSetting: 'not a setting'", StringComparison.Ordinal), "registry.yaml:6: sources[0].webhookTokenSetting: " },
        { Header + Body.Replace("url: https://example.com/p.git", "url: https://example.com/p.git\n    gitlab:\n      project: 'a b'", StringComparison.Ordinal), "registry.yaml:7: sources[0].gitlab.project: 'a b' is not a GitLab project id or path such as group/name" },
        { Header + Body.Replace("url: https://example.com/p.git", "url: https://example.com/p.git\n    gitlab:\n      apiUrl: https://gitlab.example.com/api/v4", StringComparison.Ordinal), "registry.yaml:7: sources[0].gitlab: apiUrl and apiTokenSetting go together: commit statuses need both" },
        { Header + Body.Replace("url: https://example.com/p.git", "url: https://example.com/p.git\n    gitlab:\n      apiUrl: http://gitlab.example.com/api/v4\n      apiTokenSetting: T", StringComparison.Ordinal), "registry.yaml:7: sources[0].gitlab.apiUrl: 'http://gitlab.example.com/api/v4' is not an https URL" },
        { Header + Body.Replace("url: https://example.com/p.git", "url: https://example.com/p.git\n    gitlab:\n      projekt: a/b", StringComparison.Ordinal), "registry.yaml:7: sources[0].gitlab.projekt: unknown field" },
        { Header + Body.Replace("url: https://example.com/p.git", "url: https://example.com/p.git\n    branch: refs/heads/main", StringComparison.Ordinal), "registry.yaml:6: sources[0].branch: 'refs/heads/main' is a ref: give the branch name alone" },
        { Header + Body.Replace("url: https://example.com/p.git", "url: https://example.com/p.git\n    branch: 'a b'", StringComparison.Ordinal), "registry.yaml:6: sources[0].branch: 'a b' is not a valid branch name" },
        { Header + Body.Replace("url: https://example.com/p.git", "url: ftp://example.com/p.git", StringComparison.Ordinal), "registry.yaml:5: sources[0].url: 'ftp://example.com/p.git' is not an http(s) or file URL, nor an absolute path" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_BadInput_NamesFileLineAndField(string yaml, string expectedStart)
    {
        if (expectedStart.Length == 0)
        {
            // The unmodified body is valid: the cases above differ from it by one change each.
            Assert.Single(RegistryFile.Parse(yaml, "registry.yaml").Apps);
            return;
        }

        var error = Assert.Throws<RegistryFileException>(() => RegistryFile.Parse(yaml, "registry.yaml"));

        Assert.Contains(error.Errors, e => e.ToString().StartsWith(expectedStart, StringComparison.Ordinal));
        Assert.All(error.Errors, e => Assert.Equal("registry.yaml", e.File));
    }
}
