namespace GitOps.Core.Storage;

/// <summary>The lease under which work ran was lost part-way; the work stopped before its next write and the queue retries it.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
