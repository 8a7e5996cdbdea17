using System.Globalization;
using System.Text;

namespace Benchmarks;

/// <summary>
/// Writes the benchmark's Kustomize tree: a base of <c>N</c> resources and two overlays on it.
/// </summary>
/// <remarks>
/// <para>
/// <c>base/</c> holds <c>N/4</c> applications, one file each (<c>apps/app-NNNNN.yaml</c>), every file a
/// four-document stream: a Deployment, the Service in front of it, the ConfigMap and the
/// ServiceAccount it uses. That is how a monorepo of many small services tends to look, and it makes
/// the renderer read many files as well as many documents. The Deployment refers to its ConfigMap
/// (<c>envFrom</c>) and ServiceAccount by name and to the overlay-generated <c>settings</c> ConfigMap
/// (a volume), so prefixes and hash suffixes have references to fix.
/// </para>
/// <para>
/// <c>overlays/a</c> and <c>overlays/b</c> each set <c>namespace</c>, <c>namePrefix</c>, labels
/// (<c>labels</c> with selectors in a, <c>commonLabels</c> in b), <c>images</c> (<c>newTag</c>, and
/// <c>newName</c> + <c>newTag</c>), a strategic-merge patch with <c>target: {kind: Deployment}</c>
/// (it hits every Deployment) and a <c>configMapGenerator</c> for <c>settings</c>. Rendering one overlay
/// yields <c>N + 1</c> objects: the base's <c>N</c> and the generated ConfigMap.
/// </para>
/// </remarks>
public static class TreeGenerator
{
    /// <summary>The kinds of the base, in equal shares.</summary>
    public const int KindsPerApp = 4;

    /// <summary>Writes the tree for <paramref name="resources"/> base resources (a multiple of 4) under <paramref name="root"/>.</summary>
    public static void Write(string root, int resources)
    {
        if (resources <= 0 || resources % KindsPerApp != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(resources), resources, "must be a positive multiple of 4");
        }

        var apps = resources / KindsPerApp;
        var baseDir = Path.Combine(root, "base");
        Directory.CreateDirectory(Path.Combine(baseDir, "apps"));

        var kustomization = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        for (var i = 0; i < apps; i++)
        {
            var name = AppName(i);
            kustomization.Append("- apps/").Append(name).Append(".yaml\n");
            File.WriteAllText(Path.Combine(baseDir, "apps", name + ".yaml"), App(name, i));
        }

        File.WriteAllText(Path.Combine(baseDir, "kustomization.yaml"), kustomization.ToString());
        WriteOverlayA(Path.Combine(root, "overlays", "a"));
        WriteOverlayB(Path.Combine(root, "overlays", "b"));
    }

    /// <summary>The name of application <paramref name="index"/>; zero-padded so file order and name order agree.</summary>
    public static string AppName(int index) => "app-" + index.ToString("D5", CultureInfo.InvariantCulture);

    private static string App(string name, int index)
    {
        var replicas = 1 + (index % 3);
        var port = 8080 + (index % 10);
        return $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {name}
              labels:
                app: {name}
                tier: backend
            spec:
              replicas: {replicas}
              selector:
                matchLabels:
                  app: {name}
              template:
                metadata:
                  labels:
                    app: {name}
                    tier: backend
                  annotations:
                    prometheus.io/scrape: "true"
                    prometheus.io/port: "{port}"
                spec:
                  serviceAccountName: {name}
                  containers:
                  - name: app
                    image: registry.example.com/shop/web:1.0.0
                    args: ["--port", "{port}", "--log-format=json"]
                    ports:
                    - name: http
                      containerPort: {port}
                    envFrom:
                    - configMapRef:
                        name: {name}
                    env:
                    - name: LOG_LEVEL
                      value: info
                    - name: APP_NAME
                      value: {name}
                    resources:
                      requests:
                        cpu: 50m
                        memory: 64Mi
                    readinessProbe:
                      httpGet:
                        path: /healthz
                        port: http
                      periodSeconds: 10
                    volumeMounts:
                    - name: settings
                      mountPath: /etc/settings
                  - name: proxy
                    image: envoyproxy/envoy:v1.30.0
                    ports:
                    - name: admin
                      containerPort: 9901
                  volumes:
                  - name: settings
                    configMap:
                      name: settings
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: {name}
              labels:
                app: {name}
            spec:
              type: ClusterIP
              selector:
                app: {name}
              ports:
              - name: http
                port: 80
                targetPort: http
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {name}
              labels:
                app: {name}
            data:
              GREETING: hello from {name}
              FEATURE_FLAGS: "search,checkout"
              TIMEOUT_SECONDS: "{5 + (index % 20)}"
              config.yaml: |
                server:
                  port: {port}
                  name: {name}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: {name}
              labels:
                app: {name}
            automountServiceAccountToken: false

            """;
    }

    private static void WriteOverlayA(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "kustomization.yaml"), """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: team-a
            namePrefix: a-
            resources:
            - ../../base
            labels:
            - pairs:
                env: staging
                team: a
              includeSelectors: true
            images:
            - name: registry.example.com/shop/web
              newTag: 2.1.0
            - name: envoyproxy/envoy
              newName: mirror.example.com/envoy
              newTag: v1.31.2
            configMapGenerator:
            - name: settings
              literals:
              - MODE=staging
              - REGION=westeurope
            patches:
            - path: deployment-patch.yaml
              target:
                kind: Deployment

            """);
        File.WriteAllText(Path.Combine(dir, "deployment-patch.yaml"), """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: any-deployment
            spec:
              revisionHistoryLimit: 3
              template:
                spec:
                  containers:
                  - name: app
                    env:
                    - name: LOG_LEVEL
                      value: debug
                    - name: OVERLAY
                      value: a
                    resources:
                      limits:
                        memory: 256Mi

            """);
    }

    private static void WriteOverlayB(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "kustomization.yaml"), """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: team-b
            namePrefix: b-
            resources:
            - ../../base
            commonLabels:
              env: production
            images:
            - name: registry.example.com/shop/web
              newName: prod.example.com/shop/web
              newTag: 2.0.9
            configMapGenerator:
            - name: settings
              literals:
              - MODE=production
            patches:
            - path: deployment-patch.yaml
              target:
                kind: Deployment

            """);
        File.WriteAllText(Path.Combine(dir, "deployment-patch.yaml"), """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: any-deployment
            spec:
              replicas: 4
              template:
                spec:
                  containers:
                  - name: app
                    resources:
                      limits:
                        cpu: "1"
                        memory: 512Mi
                  - name: proxy
                    $patch: delete

            """);
    }
}
