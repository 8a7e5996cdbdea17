namespace GitOps.Core.Registry;

/// <summary>
/// The declarative registry file (<c>apiVersion: gitops-functions.io/v1</c>, <c>kind: Registry</c>)
/// that <c>gitops registry apply -f</c> loads. The format is documented in docs/registry.md.
/// </summary>
public static partial class RegistryFile
{
    public const string ApiVersion = "gitops-functions.io/v1";

    public const string Kind = "Registry";

    /// <summary>Parses and validates registry YAML.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="fileName">How errors name the file: the path as the user gave it.</param>
    /// <exception cref="RegistryFileException">Every problem found, each with file and line.</exception>
    public static RegistrySnapshot Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        return new RegistryFileReader(fileName).Read(yaml);
    }

    /// <summary>Reads, parses and validates a registry file.</summary>
    /// <param name="path">The file; errors name it as given.</param>
    /// <exception cref="RegistryFileException">The file is invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<RegistrySnapshot> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text, path);
    }
}
