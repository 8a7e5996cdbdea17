using GitOps.Core.Kubernetes;

namespace GitOps.Core.Apply;

/// <summary>One object's outcome: the input for inventory, history and alerts.</summary>
/// <param name="Object">The object.</param>
/// <param name="Action">What was done.</param>
/// <param name="ApiVersion">The apiVersion it was applied with.</param>
/// <param name="ResourceVersion">The live resourceVersion after the change (null when pruned, orphaned or failed).</param>
/// <param name="DesiredHash">Hash of the desired object as applied (empty for objects Git no longer has).</param>
public sealed record ChangeSetEntry(ObjectRef Object, ChangeAction Action, string ApiVersion, string? ResourceVersion, string DesiredHash)
{
    /// <summary>The file the object came from, when Git still has it.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Why: the conflict (manager and fields), the guard that kept it, fields taken over by force.</summary>
    public string? Message { get; init; }

    /// <summary>"pruned Deployment/shop/web", "failed Deployment/shop/web (apps/web.yaml): conflict with ...".</summary>
    public override string ToString()
        => $"{Action.ToString().ToLowerInvariant()} {Object}{(SourceFile is null ? string.Empty : $" ({SourceFile})")}{(Message is null ? string.Empty : $": {Message}")}";
}
