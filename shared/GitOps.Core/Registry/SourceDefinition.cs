namespace GitOps.Core.Registry;

/// <summary>A git repository the product watches.</summary>
/// <param name="Name">Unique name (DNS label).</param>
/// <param name="Url">Clone URL (https, ssh-less) or a local path.</param>
/// <param name="Branch">The branch to track. Default <c>main</c>.</param>
/// <param name="TokenSetting">Name of the setting (app setting / environment variable) that holds the access token; never the token itself.</param>
public sealed record SourceDefinition(string Name, string Url, string Branch = "main", string? TokenSetting = null);
