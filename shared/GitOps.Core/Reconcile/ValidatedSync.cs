using GitOps.Core.Apply;
using GitOps.Core.Kubernetes;

namespace GitOps.Core.Reconcile;

/// <summary>What the validate stage hands on: the revision's objects, the plan, and what the dry run found.</summary>
/// <param name="Desired">Every object of the revision, in apply order.</param>
/// <param name="Plan">What to send, what to leave, what Git no longer has.</param>
/// <param name="Owned">Live objects carrying the app's label, by <c>ObjectRef.Key</c> (one LIST per kind).</param>
/// <param name="Conflicts">Objects whose dry run met fields owned by another manager, by key: "conflict with ...".</param>
public sealed record ValidatedSync(
    IReadOnlyList<DesiredObject> Desired,
    ApplyPlan Plan,
    IReadOnlyDictionary<string, LiveObject> Owned,
    IReadOnlyDictionary<string, string> Conflicts);
