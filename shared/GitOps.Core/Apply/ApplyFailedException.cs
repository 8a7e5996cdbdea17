namespace GitOps.Core.Apply;

/// <summary>
/// An apply stopped part-way on an error that retrying may fix (the API server unavailable after
/// retries). <see cref="Applied"/> holds what was confirmed before the failure: the inventory moves
/// forward for it, and the queue retries the job.
/// </summary>
public sealed class ApplyFailedException : Exception
{
    public ApplyFailedException(ChangeSet applied, Exception inner)
        : base(inner.Message, inner)
    {
        Applied = applied;
    }

    public ChangeSet Applied { get; }
}
