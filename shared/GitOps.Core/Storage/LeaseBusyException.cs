namespace GitOps.Core.Storage;

/// <summary>Another instance holds the lease: the job is retried later by the queue.</summary>
public sealed class LeaseBusyException : Exception
{
    public LeaseBusyException(string message)
        : base(message)
    {
    }
}
