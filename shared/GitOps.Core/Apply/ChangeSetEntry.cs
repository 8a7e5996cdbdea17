using GitOps.Core.Kubernetes;

namespace GitOps.Core.Apply;

/// <summary>One object's outcome: the input for inventory, history and notifications.</summary>
/// <param name="Object">The object.</param>
/// <param name="Action">What was done.</param>
/// <param name="ApiVersion">The apiVersion it was applied with.</param>
/// <param name="ResourceVersion">The live resourceVersion after the change (null when deleted).</param>
/// <param name="DesiredHash">Hash of the desired object as applied.</param>
public sealed record ChangeSetEntry(ObjectRef Object, ChangeAction Action, string ApiVersion, string? ResourceVersion, string DesiredHash);
