namespace GitOps.Core.Drift;

/// <summary>What a comparison leaves out for one object: fields by RFC 6901 JSON pointer, and fields owned by given managers.</summary>
public sealed record DriftRules(IReadOnlyCollection<string> IgnoredPointers, IReadOnlyCollection<string> IgnoredManagers)
{
    public static readonly DriftRules None = new([], []);

    /// <summary>True when <paramref name="pointer"/> is an ignored pointer or lies inside one.</summary>
    public bool IsIgnored(string pointer)
        => IgnoredPointers.Any(p => pointer == p || pointer.StartsWith(p.EndsWith('/') ? p : p + "/", StringComparison.Ordinal));
}
