using GitOps.Core.Status;

namespace GitOps.Core.Drift;

/// <summary>What a drift scan found and did.</summary>
/// <param name="State">InSync, Drifted, or Unknown when the scan did not run (nothing applied yet, or a sync moved on meanwhile).</param>
/// <param name="Report">The report, when drift was found.</param>
/// <param name="NewAlert">True when this scan raised an alert (a drift already reported raises none).</param>
/// <param name="CorrectionQueued">True when the drift policy queued a re-apply.</param>
public sealed record DriftScanOutcome(DriftState State, DriftReport? Report, bool NewAlert, bool CorrectionQueued, string Message)
{
    /// <summary>True when the app's live objects were all as the last in-sync scan found them, so nothing was compared, read or written.</summary>
    public bool Unchanged { get; init; }
}
