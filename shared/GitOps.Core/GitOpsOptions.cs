namespace GitOps.Core;

/// <summary>Configuration section names, and the trigger schedules shared by the function app and the local runtime.</summary>
public static class GitOpsOptions
{
    /// <summary>Root configuration section: <c>GitOps:Storage</c>, <c>GitOps:Sources</c>, <c>GitOps:Render</c>.</summary>
    public const string Section = "GitOps";

    /// <summary>CommitPoller's default: every minute (NCRONTAB with seconds, as the Functions timer trigger reads it). The webhook makes pushes fast; polling is the safety net.</summary>
    public const string CommitPollSchedule = "0 * * * * *";

    /// <summary>DriftScheduler's default: every five minutes.</summary>
    public const string DriftScanSchedule = "30 */5 * * * *";

    /// <summary>HistoryRetention's default: daily at 03:17.</summary>
    public const string HistoryRetentionSchedule = "0 17 3 * * *";

    /// <summary>The setting that overrides HistoryRetention's schedule (app setting <c>GitOps__Schedules__HistoryRetention</c>).</summary>
    public const string HistoryRetentionScheduleSetting = "GitOps:Schedules:HistoryRetention";

    /// <summary>The setting that overrides CommitPoller's schedule (app setting <c>GitOps__Schedules__CommitPoller</c>).</summary>
    public const string CommitPollScheduleSetting = "GitOps:Schedules:CommitPoller";

    /// <summary>The setting that overrides DriftScheduler's schedule (app setting <c>GitOps__Schedules__DriftScheduler</c>).</summary>
    public const string DriftScanScheduleSetting = "GitOps:Schedules:DriftScheduler";
}
