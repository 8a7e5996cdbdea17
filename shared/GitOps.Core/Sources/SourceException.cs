namespace GitOps.Core.Sources;

/// <summary>A source cannot be read (unreachable, refused credentials, unknown branch).</summary>
public class SourceException : Exception
{
    public SourceException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A revision is not in the repository, even after a fetch: the branch was force-pushed and the
/// commit is gone. Retrying cannot bring it back, so a job for it is reported, not retried.
/// </summary>
public sealed class RevisionNotFoundException : SourceException
{
    public RevisionNotFoundException(string message)
        : base(message)
    {
    }
}
