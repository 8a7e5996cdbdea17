namespace GitOps.Cli.Demo;

/// <summary>The demo's registry file: the sample repository, the emulator, and one app.</summary>
public static class DemoRegistry
{
    /// <summary>The setting holding the demo's webhook token (generated per run, kept in a file beside the state).</summary>
    public const string WebhookTokenSetting = "DEMO_WEBHOOK_TOKEN";

    /// <summary>The settings holding the local chat sink's URL and signing secret.</summary>
    public const string ChatUrlSetting = "DEMO_CHAT_URL";

    public const string ChatSecretSetting = "DEMO_CHAT_SECRET";

    public static string Write(string path, string repositoryPath, string kubeconfigPath)
    {
        File.WriteAllText(path, $"""
            apiVersion: gitops-functions.io/v1
            kind: Registry
            sources:
              - name: demo
                url: {repositoryPath}
                branch: main
                webhookTokenSetting: {WebhookTokenSetting}
                gitlab:
                  project: demo/config
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
            notifications:
              - name: chat
                type: webhook
                urlSetting: {ChatUrlSetting}
                secretSetting: {ChatSecretSetting}

            """);
        return path;
    }
}
