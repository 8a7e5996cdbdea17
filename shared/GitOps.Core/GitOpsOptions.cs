namespace GitOps.Core;

/// <summary>Configuration section names, and the trigger schedules shared by the function app and the local runtime.</summary>
public static class GitOpsOptions
{
    /// <summary>Root configuration section: <c>GitOps:Storage</c>, <c>GitOps:Sources</c>, <c>GitOps:Render</c>.</summary>
    public const string Section = "GitOps";

    /// <summary>CommitPoller: every minute (NCRONTAB with seconds, as the Functions timer trigger reads it).</summary>
    public const string CommitPollSchedule = "0 * * * * *";

    /// <summary>DriftScheduler: every five minutes.</summary>
    public const string DriftScanSchedule = "30 */5 * * * *";
}
