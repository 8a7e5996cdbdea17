namespace GitOps.Core.Registry;

/// <summary>
/// A registry file that cannot be used. <see cref="Exception.Message"/> lists every problem found,
/// one per line, each starting with <c>file:line: </c>. Nothing has been written when it is thrown.
/// </summary>
public sealed class RegistryFileException : Exception
{
    public RegistryFileException(IReadOnlyList<RegistryFileError> errors, Exception? innerException = null)
        : base(Describe(errors), innerException)
    {
        Errors = errors;
    }

    public RegistryFileException()
        : this([])
    {
    }

    public RegistryFileException(string message)
        : base(message)
    {
        Errors = [];
    }

    public RegistryFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<RegistryFileError> Errors { get; }

    private static string Describe(IReadOnlyList<RegistryFileError> errors) =>
        errors.Count == 0 ? "The registry file is invalid." : string.Join('\n', errors);
}
