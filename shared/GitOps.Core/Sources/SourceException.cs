namespace GitOps.Core.Sources;

/// <summary>A source cannot be read (unreachable, unknown branch or revision). Transient as far as the queue is concerned.</summary>
public sealed class SourceException : Exception
{
    public SourceException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
