namespace GitOps.Core.Apply;

/// <summary>An apply stopped part-way. <see cref="Applied"/> holds what was confirmed before the failure.</summary>
public sealed class ApplyFailedException : Exception
{
    public ApplyFailedException(ChangeSet applied, Exception inner)
        : base(inner.Message, inner)
    {
        Applied = applied;
    }

    public ChangeSet Applied { get; }
}
