namespace GitOps.Core.Reconcile;

/// <summary>One thing a stage found wrong: the object or file it concerns, and why.</summary>
/// <param name="Subject">What it concerns: <c>Deployment/shop/web (from apps/web.yaml)</c>, <c>apps/web/kustomization.yaml:12</c>, <c>app/web</c>.</param>
/// <param name="Reason">Why, without the subject.</param>
public sealed record StageProblem(string Subject, string Reason)
{
    public override string ToString() => Subject.Length == 0 ? Reason : $"{Subject}: {Reason}";
}
