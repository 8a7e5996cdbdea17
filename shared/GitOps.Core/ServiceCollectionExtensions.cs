using GitOps.Core.Http;
using GitOps.Core.Alerts;
using GitOps.Core.Apply;
using GitOps.Core.Drift;
using GitOps.Core.Health;
using GitOps.Core.Inventory;
using GitOps.Core.Kubernetes;
using GitOps.Core.Messaging;
using GitOps.Core.Planning;
using GitOps.Core.Reconcile;
using GitOps.Core.Registry;
using GitOps.Rendering;
using GitOps.Core.Sources;
using GitOps.Core.Status;
using GitOps.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GitOps.Core;

/// <summary>Registers the core services; every host (function app, local runtime, tests) calls this one method.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddGitOpsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection($"{GitOpsOptions.Section}:Storage"));
        services.AddOptions<GitSourceOptions>().Bind(configuration.GetSection($"{GitOpsOptions.Section}:Sources"))
            .Validate(o => !string.IsNullOrWhiteSpace(o.CacheDirectory), "GitOps:Sources:CacheDirectory must not be empty.")
            .ValidateOnStart();
        services.AddOptions<RenderOptions>().Bind(configuration.GetSection($"{GitOpsOptions.Section}:Render"));
        services.AddOptions<ReconcileOptions>().Bind(configuration.GetSection($"{GitOpsOptions.Section}:Reconcile"))
            .Validate(o => o.CrdPollInterval >= TimeSpan.Zero && o.LeaseBusyDelay >= TimeSpan.Zero, "GitOps:Reconcile delays must not be negative.")
            .Validate(o => o.ApplyConcurrency is >= 1 and <= 64, "GitOps:Reconcile:ApplyConcurrency must be between 1 and 64.")
            .ValidateOnStart();
        services.AddOptions<SecretOptions>().Bind(configuration.GetSection($"{GitOpsOptions.Section}:Secrets"))
            .Validate(o => TryKey(o), $"{SecretOptions.Setting} must hold base64 of at least 32 random bytes (GitOps__Secrets__HashKey); `gitops run` generates one locally.")
            .ValidateOnStart();
        services.TryAddSingleton<SecretMasker>();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection($"{GitOpsOptions.Section}:Health"))
            .Validate(o => o.FirstCheckDelay >= TimeSpan.Zero && o.RecheckInterval > TimeSpan.Zero && o.MaxRecheckInterval >= o.RecheckInterval, "GitOps:Health: FirstCheckDelay must not be negative, RecheckInterval must be positive and MaxRecheckInterval at least RecheckInterval.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "GitOps:Health:Timeout must be positive.")
            .Validate(o => o.FirstCheckDelay <= TimeSpan.FromDays(7) && o.MaxRecheckInterval <= TimeSpan.FromDays(7), "GitOps:Health delays must not exceed 7 days (the longest a queue message can stay invisible).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => StorageAccount.FromConfiguration(
            configuration, new StorageNames(sp.GetRequiredService<IOptions<StorageOptions>>().Value.NamePrefix), policies: sp.GetServices<StoragePipelinePolicy>()));
        services.TryAddSingleton(_ => QueueSettings.Load(configuration["GitOps:HostJsonPath"] ?? QueueSettings.DefaultHostJsonPath, configuration));
        services.TryAddSingleton<JobQueue>();
        services.TryAddSingleton<RegistryStore>();
        services.TryAddSingleton<SourceHeadStore>();
        services.TryAddSingleton<AppStatusStore>();
        services.TryAddSingleton<SyncHistoryStore>();
        services.TryAddSingleton<InventoryStore>();
        services.TryAddSingleton<SnapshotStore>();
        services.TryAddSingleton<AlertStore>();
        services.TryAddSingleton<DriftReportStore>();

        services.TryAddSingleton<GitCredentials>();
        services.TryAddSingleton<GitSourceCache>();
        services.TryAddSingleton(sp => new ManifestRenderer(sp.GetRequiredService<IOptions<RenderOptions>>().Value));
        services.AddOptions<Notifications.NotificationOptions>().Bind(configuration.GetSection($"{GitOpsOptions.Section}:Notifications"))
            .Validate(o => o.BurstLimit >= 1 && o.BurstWindow > TimeSpan.Zero && o.RenotifyAfter > TimeSpan.Zero && o.Retry.MaxRetries >= 0,
                "GitOps:Notifications: BurstLimit must be at least 1; BurstWindow and RenotifyAfter must be positive.")
            .ValidateOnStart();
        services.AddOptions<HttpRetryOptions>().Bind(configuration.GetSection($"{GitOpsOptions.Section}:Kubernetes:Retry"))
            .Validate(o => o.MaxRetries >= 0 && o.MaxRetriesPerSync >= 0 && o.BaseDelay >= TimeSpan.Zero && o.MaxDelay >= o.BaseDelay && o.AttemptTimeout > TimeSpan.Zero,
                "GitOps:Kubernetes:Retry: counts must not be negative, MaxDelay must be at least BaseDelay, AttemptTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<Azure.Core.TokenCredential>(_ => new Azure.Identity.DefaultAzureCredential());
        services.TryAddSingleton<ClusterConnector>();
        services.TryAddSingleton<RenderStage>();
        services.TryAddSingleton<ValidateStage>();
        services.TryAddSingleton<ApplyStage>();
        services.TryAddSingleton<PruneStage>();
        services.TryAddSingleton<SyncPipeline>();
        services.TryAddSingleton<SyncRecorder>();

        services.TryAddSingleton<CommitPoller>();
        services.TryAddSingleton<SourceWorker>();
        services.TryAddSingleton<GitLabCommitStatus>();
        services.TryAddSingleton<AlertCenter>();
        services.TryAddSingleton<Operations.AppOperations>();
        services.TryAddSingleton<Status.HistoryRetention>();
        services.AddOptions<Status.HistoryOptions>().Bind(configuration.GetSection($"{GitOpsOptions.Section}:History"))
            .Validate(o => o.Limit >= 1, "GitOps:History:Limit must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton<Operations.ManagementApi>();
        services.TryAddSingleton<Operations.SyncDiff>();
        services.TryAddSingleton<Notifications.BurstGate>();
        services.TryAddSingleton<Notifications.Notifier>();
        services.TryAddSingleton<Webhooks.DeliveryStore>();
        services.TryAddSingleton<Webhooks.GitLabWebhookHandler>();
        services.TryAddSingleton<RenderInputStore>();
        services.TryAddSingleton<Reconciler>();
        services.TryAddSingleton<DriftScheduler>();
        services.TryAddSingleton<DriftScanner>();
        services.TryAddSingleton<HealthChecker>();
        return services;
    }

    private static bool TryKey(SecretOptions options)
    {
        try
        {
            return options.Key().Length >= 32;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
