using System.Reflection;

namespace GitOps.Functions.Tests.Delivery;

/// <summary>Paths the delivery tests read: the repository (infra/, .gitlab-ci.yml) and the Bicep CLI restored by NuGet.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepoRoot");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"AssemblyMetadata '{key}' is missing from GitOps.Functions.Tests.csproj.");
}
