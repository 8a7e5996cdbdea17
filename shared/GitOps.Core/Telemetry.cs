using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GitOps.Core;

/// <summary>
/// Spans and metrics through System.Diagnostics, exported by OpenTelemetry (Application Insights in
/// the function app, the console with <c>gitops run --otel-console</c>). Attributes are app,
/// cluster, revision, stage, kind and counts: never a setting's value, a token or Secret data.
/// </summary>
public static class Telemetry
{
    public const string Name = "GitOps.Functions";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Syncs by result (<c>result</c>, <c>app</c>, <c>cluster</c>).</summary>
    public static readonly Counter<long> Syncs = Meter.CreateCounter<long>("gitops.syncs", description: "Reconcile jobs by result.");

    /// <summary>Objects per sync by action (created, configured, unchanged, pruned, failed).</summary>
    public static readonly Counter<long> SyncObjects = Meter.CreateCounter<long>("gitops.sync.objects", description: "Objects a sync created, configured, left unchanged, pruned or failed.");

    /// <summary>Drifted fields found per scan.</summary>
    public static readonly Counter<long> DriftItems = Meter.CreateCounter<long>("gitops.drift.items", description: "Drifted fields found by drift scans.");

    /// <summary>Notifications by channel type and outcome.</summary>
    public static readonly Counter<long> Notifications = Meter.CreateCounter<long>("gitops.notifications", description: "Notifications delivered, held or failed.");

    /// <summary>Starts a span with the app and cluster attributes.</summary>
    public static Activity? Start(string name, string app, string cluster, string? revision = null)
    {
        var activity = Source.StartActivity(name);
        activity?.SetTag("gitops.app", app);
        activity?.SetTag("gitops.cluster", cluster);
        if (revision is not null)
        {
            activity?.SetTag("gitops.revision", revision);
        }

        return activity;
    }
}
