using GitOps.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace GitOps.Cli.Commands;

/// <summary>The storage account the commands work on: the <c>AzureWebJobsStorage</c> setting, as the function app reads it.</summary>
public static class StorageFactory
{
    public static IConfiguration Configuration() => new ConfigurationBuilder().AddEnvironmentVariables().Build();

    public static StorageAccount FromEnvironment()
    {
        var configuration = Configuration();
        if (string.IsNullOrEmpty(configuration[StorageOptions.ConnectionSetting]) && !configuration.GetSection(StorageOptions.ConnectionSetting).GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"Set {StorageOptions.ConnectionSetting} to a storage connection string (UseDevelopmentStorage=true for a local Azurite), " +
                $"or {StorageOptions.ConnectionSetting}__accountName for an identity-based connection.");
        }

        return StorageAccount.FromConfiguration(configuration, new StorageNames(configuration["GitOps:Storage:NamePrefix"] ?? string.Empty));
    }
}
