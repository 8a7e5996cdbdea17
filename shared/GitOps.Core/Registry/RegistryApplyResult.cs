namespace GitOps.Core.Registry;

/// <summary>What applying a registry did, per entry: sources first, then clusters, then apps, each by name.</summary>
public sealed record RegistryApplyResult(IReadOnlyList<RegistryChange> Changes)
{
    /// <summary>True when at least one entry was created, updated or deleted.</summary>
    public bool HasChanges => Changes.Any(c => c.Action != ChangeAction.Unchanged);

    public int Count(ChangeAction action) => Changes.Count(c => c.Action == action);

    /// <summary><c>2 created, 1 updated, 4 unchanged, 0 deleted</c>.</summary>
    public string Summary() =>
        $"{Count(ChangeAction.Created)} created, {Count(ChangeAction.Updated)} updated, " +
        $"{Count(ChangeAction.Unchanged)} unchanged, {Count(ChangeAction.Deleted)} deleted";
}
