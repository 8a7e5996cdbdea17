using GitOps.Core.Apply;

namespace GitOps.Core.Reconcile;

/// <summary>What the apply stage did.</summary>
/// <param name="Changes">Every object of the revision applied (or not sent), or the stage-one objects when waiting.</param>
/// <param name="WaitingFor">CustomResourceDefinitions of the revision not yet established: the custom objects wait, and the job resumes later.</param>
public sealed record ApplyResult(ChangeSet Changes, IReadOnlyList<string> WaitingFor)
{
    public bool IsWaiting => WaitingFor.Count > 0;
}
