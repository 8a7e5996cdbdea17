namespace GitOps.Core.Apply;

/// <summary>The result of an apply: one entry per object, in apply order.</summary>
public sealed record ChangeSet(IReadOnlyList<ChangeSetEntry> Entries)
{
    public int Count(ChangeAction action) => Entries.Count(e => e.Action == action);

    /// <summary>"3 created, 1 configured, 2 unchanged" (zero counts left out).</summary>
    public string Summary()
    {
        var parts = Enum.GetValues<ChangeAction>()
            .Select(a => (Action: a, Count: Count(a)))
            .Where(p => p.Count > 0)
            .Select(p => $"{p.Count} {p.Action.ToString().ToLowerInvariant()}");
        var text = string.Join(", ", parts);
        return text.Length == 0 ? "no objects" : text;
    }
}
