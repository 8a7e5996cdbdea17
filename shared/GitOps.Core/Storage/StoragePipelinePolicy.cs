using Azure.Core;
using Azure.Core.Pipeline;

namespace GitOps.Core.Storage;

/// <summary>
/// An extra HTTP pipeline policy added to every storage client (queues, blobs, tables). Opt-in: none
/// is registered in production; the cost benchmark registers one that counts every request, per
/// retry, so its count is the storage transactions Azure bills.
/// </summary>
public sealed record StoragePipelinePolicy(HttpPipelinePolicy Policy, HttpPipelinePosition Position = HttpPipelinePosition.PerRetry)
{
    internal static T Apply<T>(T options, IEnumerable<StoragePipelinePolicy>? policies)
        where T : ClientOptions
    {
        foreach (var policy in policies ?? [])
        {
            options.AddPolicy(policy.Policy, policy.Position);
        }

        return options;
    }
}
