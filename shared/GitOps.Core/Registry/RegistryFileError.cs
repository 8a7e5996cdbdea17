namespace GitOps.Core.Registry;

/// <summary>One problem in a registry file.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Path">The field, e.g. <c>apps[1].driftPolicy</c>; empty for the document itself.</param>
/// <param name="Message">What is wrong, without the location.</param>
public sealed record RegistryFileError(string File, int Line, string Path, string Message)
{
    /// <summary><c>registry.yaml:14: apps[1].driftPolicy: 'fix' is not one of alert, correct</c>.</summary>
    public override string ToString() =>
        Path.Length == 0 ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: {Path}: {Message}";
}
