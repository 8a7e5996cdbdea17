using GitOps.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace GitOps.Cli.Commands;

/// <summary>The storage account the commands work on: the <c>AzureWebJobsStorage</c> setting, as the function app reads it.</summary>
public static class StorageFactory
{
    public static IConfiguration Configuration() => new ConfigurationBuilder().AddEnvironmentVariables().Build();

    /// <summary>Throws, naming the settings to set, when <c>AzureWebJobsStorage</c> is not configured.</summary>
    public static StorageAccount FromEnvironment()
    {
        var configuration = Configuration();
        return StorageAccount.FromConfiguration(configuration, new StorageNames(configuration["GitOps:Storage:NamePrefix"] ?? string.Empty));
    }
}
