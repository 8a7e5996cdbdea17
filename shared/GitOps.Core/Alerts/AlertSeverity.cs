namespace GitOps.Core.Alerts;

/// <summary>How bad an alert is; channels receive those at or above their <c>minSeverity</c>.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Error,
}
