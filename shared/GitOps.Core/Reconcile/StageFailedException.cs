namespace GitOps.Core.Reconcile;

/// <summary>
/// A stage failed in a way retrying the same revision cannot fix; the job is recorded as failed
/// (history row, status, alert), not retried. The problems are data: each names its object or file.
/// </summary>
public sealed class StageFailedException : Exception
{
    public StageFailedException(ReconcileStage stage, IReadOnlyList<StageProblem> problems, Exception? inner = null)
        : base(string.Join(Environment.NewLine, problems), inner)
    {
        Stage = stage;
        Problems = problems;
    }

    public StageFailedException(ReconcileStage stage, StageProblem problem, Exception? inner = null)
        : this(stage, [problem], inner)
    {
    }

    public ReconcileStage Stage { get; }

    /// <summary>The commit's author and title, when the source was read before the stage failed (for the history row).</summary>
    public (string Author, string Title)? Commit { get; set; }

    public IReadOnlyList<StageProblem> Problems { get; }
}
