using GitOps.Core.Registry;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;
using Microsoft.Extensions.Configuration;

namespace GitOps.Core.Sources;

/// <summary>
/// Resolves a source's token from the setting it names. The token goes to LibGit2Sharp only: it is
/// never logged or put in an exception message.
/// </summary>
public sealed class GitCredentials
{
    private readonly IConfiguration _configuration;

    public GitCredentials(IConfiguration configuration) => _configuration = configuration;

    public CredentialsHandler? For(SourceDefinition source)
    {
        if (string.IsNullOrEmpty(source.TokenSetting))
        {
            return null;
        }

        var token = _configuration[source.TokenSetting];
        if (string.IsNullOrEmpty(token))
        {
            throw new SourceException($"source/{source.Name}: the setting '{source.TokenSetting}' that should hold its token is empty or missing.");
        }

        // GitLab accepts any user name with a personal, project or group access token as password.
        return (_, _, _) => new UsernamePasswordCredentials { Username = "oauth2", Password = token };
    }
}
