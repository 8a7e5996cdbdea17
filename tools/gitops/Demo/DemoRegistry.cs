namespace GitOps.Cli.Demo;

/// <summary>The demo's registry file: the sample repository, the emulator, and one app.</summary>
public static class DemoRegistry
{
    public static string Write(string path, string repositoryPath, string kubeconfigPath)
    {
        File.WriteAllText(path, $"""
            apiVersion: gitops-functions.io/v1
            kind: Registry
            sources:
              - name: demo
                url: {repositoryPath}
                branch: main
            clusters:
              - name: emulator
                kubeconfigFile: {kubeconfigPath}
            apps:
              - name: hello
                source: demo
                path: {DemoRepository.AppPath}
                clusters: [emulator]
                namespace: hello
                syncPolicy: auto
                driftPolicy: correct

            """);
        return path;
    }
}
