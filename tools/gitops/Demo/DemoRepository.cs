using LibGit2Sharp;

namespace GitOps.Cli.Demo;

/// <summary>The sample configuration repository of the demo: a namespace, a deployment, a service and a configmap.</summary>
public static class DemoRepository
{
    public const string AppPath = "apps/hello";

    private static readonly Dictionary<string, string> Files = new()
    {
        [$"{AppPath}/namespace.yaml"] = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: hello
            """,
        [$"{AppPath}/configmap.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: hello-config
              namespace: hello
            data:
              GREETING: "Hello from Git"
              LOG_LEVEL: info
            """,
        [$"{AppPath}/deployment.yaml"] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: hello
              labels:
                app: web
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27
                      ports:
                        - containerPort: 80
                      envFrom:
                        - configMapRef:
                            name: hello-config
            """,
        [$"{AppPath}/service.yaml"] = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: hello
            spec:
              selector:
                app: web
              ports:
                - port: 80
                  targetPort: 80
            """,
        ["README.md"] = "Sample configuration repository created by `gitops run`. Commit here and watch the change reach the emulator.\n",
    };

    /// <summary>Creates the repository with one commit on <c>main</c>; returns the commit id.</summary>
    public static string Create(string path, TimeProvider time)
    {
        Directory.CreateDirectory(path);
        Repository.Init(path);
        using var repo = new Repository(path);
        foreach (var (file, content) in Files)
        {
            var full = Path.Combine(path, file);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content.EndsWith('\n') ? content : content + "\n");
            LibGit2Sharp.Commands.Stage(repo, file);
        }

        var author = new Signature("GitOps Demo", "demo@gitops.invalid", time.GetUtcNow());
        var commit = repo.Commit("Add the hello app", author, author);
        if (repo.Head.FriendlyName != "main")
        {
            var main = repo.Branches["main"] ?? repo.CreateBranch("main", commit);
            LibGit2Sharp.Commands.Checkout(repo, main);
        }

        return commit.Sha;
    }
}
