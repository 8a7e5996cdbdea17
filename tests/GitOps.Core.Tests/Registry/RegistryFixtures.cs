using GitOps.Core.Registry;

namespace GitOps.Core.Tests.Registry;

/// <summary>Registry files and snapshots shared by the registry tests.</summary>
internal static class RegistryFixtures
{
    /// <summary>A valid file using every field.</summary>
    public const string FullFile = """
        apiVersion: gitops-functions.io/v1
        kind: Registry
        sources:
          - name: platform
            url: https://gitlab.example.com/platform/config.git
            branch: main
            tokenSetting: GITLAB_TOKEN
            webhookTokenSetting: GITLAB_WEBHOOK_TOKEN
            gitlab:
              project: platform/config
              apiUrl: https://gitlab.example.com/api/v4
              apiTokenSetting: GITLAB_API_TOKEN
          - name: local
            url: /srv/git/local.git
        clusters:
          - name: prod-weu
            kubeconfigSetting: KUBECONFIG_PROD_WEU
          - name: dev
            kubeconfigFile: /etc/gitops/dev.kubeconfig
            context: kind-dev
        apps:
          - name: web
            source: platform
            path: apps/web/overlays/prod
            clusters: [prod-weu, dev]
            namespace: web
            syncPolicy: auto
            driftPolicy: correct
            strictVariables: true
            variables: { CLUSTER_REGION: westeurope, REPLICAS: 3 }
            prune: false
            allowEmpty: true
            force: true
            autoRollback: true
            allowFloatingRefs: true
            allowedNamespaces: [web, web-canary]
            clusterScopedKinds: [Namespace, ClusterRole]
            crdTimeout: 1m30s
            healthTimeout: 10m
            ignoreDifferences:
              - group: apps
                kind: Deployment
                managedFieldsManagers: [hpa-controller]
              - kind: ConfigMap
                name: settings
                namespace: web
                jsonPointers: [/data/generated, /metadata/annotations/example.com~1stamp]
          - name: tools
            source: local
            path: ./tools/
            clusters:
              - dev
            syncPolicy: manual
        notifications:
          - name: platform-slack
            type: slack
            urlSetting: SLACK_WEBHOOK_URL
          - name: pager
            type: webhook
            urlSetting: PAGER_URL
            secretSetting: PAGER_SECRET
            apps: [web]
            clusters: [prod-weu]
            minSeverity: error
            kinds: [drift, syncFailed]
        """;

    public static RegistrySnapshot Full() => new(
        [
            new SourceDefinition("platform", "https://gitlab.example.com/platform/config.git", "main", "GITLAB_TOKEN")
            {
                WebhookTokenSetting = "GITLAB_WEBHOOK_TOKEN",
                GitLab = new GitLabProject("platform/config", "https://gitlab.example.com/api/v4", "GITLAB_API_TOKEN"),
            },
            new SourceDefinition("local", "/srv/git/local.git"),
        ],
        [
            new ClusterDefinition("prod-weu", KubeconfigSetting: "KUBECONFIG_PROD_WEU"),
            new ClusterDefinition("dev", KubeconfigFile: "/etc/gitops/dev.kubeconfig", Context: "kind-dev"),
        ],
        [
            new AppDefinition
            {
                Name = "web",
                Source = "platform",
                Path = "apps/web/overlays/prod",
                Clusters = ["prod-weu", "dev"],
                Namespace = "web",
                SyncPolicy = SyncPolicy.Auto,
                DriftPolicy = DriftPolicy.Correct,
                StrictVariables = true,
                Variables = new Dictionary<string, string> { ["CLUSTER_REGION"] = "westeurope", ["REPLICAS"] = "3" },
                Prune = false,
                AllowEmpty = true,
                Force = true,
                AutoRollback = true,
                AllowFloatingRefs = true,
                AllowedNamespaces = ["web", "web-canary"],
                ClusterScopedKinds = ["Namespace", "ClusterRole"],
                CrdTimeout = TimeSpan.FromSeconds(90),
                HealthTimeout = TimeSpan.FromMinutes(10),
                IgnoreDifferences =
                [
                    new IgnoreDifference("apps", "Deployment") { ManagedFieldsManagers = ["hpa-controller"] },
                    new IgnoreDifference(string.Empty, "ConfigMap") { Name = "settings", Namespace = "web", JsonPointers = ["/data/generated", "/metadata/annotations/example.com~1stamp"] },
                ],
            },
            new AppDefinition { Name = "tools", Source = "local", Path = "tools", Clusters = ["dev"], SyncPolicy = SyncPolicy.Manual },
        ])
    {
        Notifications =
        [
            new NotificationChannel("platform-slack", ChannelType.Slack, "SLACK_WEBHOOK_URL"),
            new NotificationChannel("pager", ChannelType.Webhook, "PAGER_URL")
            {
                SecretSetting = "PAGER_SECRET",
                Apps = ["web"],
                Clusters = ["prod-weu"],
                MinSeverity = Core.Alerts.AlertSeverity.Error,
                Kinds = [Core.Alerts.AlertKind.Drift, Core.Alerts.AlertKind.SyncFailed],
            },
        ],
    };

    /// <summary>One cluster per way to connect besides the kubeconfig ones of <see cref="Full"/>.</summary>
    public const string ConnectionModesFile = """
        apiVersion: gitops-functions.io/v1
        kind: Registry
        clusters:
          - name: edge
            server: https://edge.example.com:6443
            tokenSetting: EDGE_TOKEN
            caSetting: EDGE_CA
          - name: aks-weu
            server: https://aks-weu.hcp.westeurope.azmk8s.io:443
            azureAuth: true
          - name: lab
            server: https://10.0.0.5:6443
            tokenSetting: LAB_TOKEN
            insecureSkipTlsVerify: true
        """;

    public static RegistrySnapshot ConnectionModes() => new(
        [],
        [
            new ClusterDefinition("edge") { Server = "https://edge.example.com:6443", TokenSetting = "EDGE_TOKEN", CaSetting = "EDGE_CA" },
            new ClusterDefinition("aks-weu") { Server = "https://aks-weu.hcp.westeurope.azmk8s.io:443", AzureAuth = true },
            new ClusterDefinition("lab") { Server = "https://10.0.0.5:6443", TokenSetting = "LAB_TOKEN", InsecureSkipTlsVerify = true },
        ],
        []);

    /// <summary>Asserts two snapshots hold the same entries, whatever their order (records hold lists, so compare field by field).</summary>
    public static void AssertEquivalent(RegistrySnapshot expected, RegistrySnapshot actual)
    {
        Assert.Equal(expected.Sources.OrderBy(s => s.Name, StringComparer.Ordinal), actual.Sources.OrderBy(s => s.Name, StringComparer.Ordinal));
        Assert.Equal(expected.Clusters.OrderBy(c => c.Name, StringComparer.Ordinal), actual.Clusters.OrderBy(c => c.Name, StringComparer.Ordinal));
        Assert.Equal(expected.Notifications.OrderBy(n => n.Name, StringComparer.Ordinal), actual.Notifications.OrderBy(n => n.Name, StringComparer.Ordinal));
        Assert.Equal(expected.Apps.Count, actual.Apps.Count);
        foreach (var want in expected.Apps)
        {
            var got = actual.FindApp(want.Name);
            Assert.NotNull(got);
            Assert.Equal(want.Source, got.Source);
            Assert.Equal(want.Path, got.Path);
            Assert.Equal(want.Clusters, got.Clusters);
            Assert.Equal(want.Namespace, got.Namespace);
            Assert.Equal(want.SyncPolicy, got.SyncPolicy);
            Assert.Equal(want.DriftPolicy, got.DriftPolicy);
            Assert.Equal(want.StrictVariables, got.StrictVariables);
            Assert.Equal(want.Variables.OrderBy(v => v.Key, StringComparer.Ordinal), got.Variables.OrderBy(v => v.Key, StringComparer.Ordinal));
            Assert.Equal((want.Prune, want.AllowEmpty, want.Force, want.CrdTimeout, want.HealthTimeout), (got.Prune, got.AllowEmpty, got.Force, got.CrdTimeout, got.HealthTimeout));
            Assert.Equal((want.AutoRollback, want.AllowFloatingRefs), (got.AutoRollback, got.AllowFloatingRefs));
            Assert.Equal(want.AllowedNamespaces, got.AllowedNamespaces);
            Assert.Equal(want.ClusterScopedKinds, got.ClusterScopedKinds);
            Assert.Equal(
                want.IgnoreDifferences.Select(i => $"{i.Group}|{i.Kind}|{i.Name}|{i.Namespace}|{string.Join(',', i.JsonPointers)}|{string.Join(',', i.ManagedFieldsManagers)}"),
                got.IgnoreDifferences.Select(i => $"{i.Group}|{i.Kind}|{i.Name}|{i.Namespace}|{string.Join(',', i.JsonPointers)}|{string.Join(',', i.ManagedFieldsManagers)}"));
        }
    }
}
