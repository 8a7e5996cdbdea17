namespace GitOps.Core.Registry;

/// <summary>One entry of a <see cref="RegistryApplyResult"/>.</summary>
public sealed record RegistryChange(EntryKind Kind, string Name, ChangeAction Action)
{
    /// <summary><c>source/platform created</c>.</summary>
    public override string ToString() => $"{Kind.Describe(Name)} {Action.ToString().ToLowerInvariant()}";
}
