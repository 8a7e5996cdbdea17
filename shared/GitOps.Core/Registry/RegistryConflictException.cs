namespace GitOps.Core.Registry;

/// <summary>
/// Another writer changed a registry row between reading and writing it (ETag mismatch, or a row
/// created meanwhile). The failed batch wrote nothing; applying again is safe. Callers turn it into
/// "try again" (the CLI) or HTTP 409 (the management API).
/// </summary>
public sealed class RegistryConflictException : Exception
{
    public RegistryConflictException()
    {
    }

    public RegistryConflictException(string message)
        : base(message)
    {
    }

    public RegistryConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
