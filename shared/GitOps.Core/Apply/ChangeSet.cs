namespace GitOps.Core.Apply;

/// <summary>The result of a sync: one entry per object, in apply order, then the prune entries.</summary>
public sealed record ChangeSet(IReadOnlyList<ChangeSetEntry> Entries)
{
    public int Count(ChangeAction action) => Entries.Count(e => e.Action == action);

    public bool HasFailures => Entries.Any(e => e.Action == ChangeAction.Failed);

    public ChangeSet Concat(IEnumerable<ChangeSetEntry> more) => new([.. Entries, .. more]);

    /// <summary>Objects this change set created or configured, by key, merged over <paramref name="earlier"/>.</summary>
    public Dictionary<string, string> Applied(IReadOnlyDictionary<string, string>? earlier)
    {
        var applied = new Dictionary<string, string>(earlier ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var entry in Entries.Where(e => e.Action is ChangeAction.Created or ChangeAction.Configured))
        {
            applied[entry.Object.Key] = entry.Action.ToString();
        }

        return applied;
    }

    /// <summary>This change set with objects found unchanged now but applied by earlier deliveries of the same sync counted as those did.</summary>
    public ChangeSet WithEarlier(IReadOnlyDictionary<string, string>? earlier)
        => earlier is not { Count: > 0 } ? this
            : new(Entries.Select(e => e.Action == ChangeAction.Unchanged && earlier.TryGetValue(e.Object.Key, out var before) && Enum.TryParse<ChangeAction>(before, out var action)
                ? e with { Action = action }
                : e).ToList());

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

    /// <summary>The entries worth reading one by one (everything but plain creates, updates and no-ops, or any with a message), as lines.</summary>
    public IReadOnlyList<string> Details()
        => Entries.Where(e => e.Action is ChangeAction.Pruned or ChangeAction.Orphaned or ChangeAction.Failed || e.Message is not null)
            .Select(e => e.ToString())
            .ToList();
}
