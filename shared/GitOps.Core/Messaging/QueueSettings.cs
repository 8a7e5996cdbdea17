using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace GitOps.Core.Messaging;

/// <summary>
/// The queue trigger settings of host.json (<c>extensions.queues</c>), read the way the Functions host
/// reads them, so the local runtime batches, retries and poisons exactly like production.
/// <c>GitOps:Queues:*</c> settings override them (tests use short timeouts).
/// </summary>
public sealed record QueueSettings
{
    /// <summary>Messages fetched per poll. host.json default 16.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Deliveries before a message goes to <c>{queue}-poison</c>. host.json default 5.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a failed message stays invisible before its retry. host.json default 0.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Longest wait between polls of an empty queue. host.json default 1 minute.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a message being processed stays invisible to other listeners (the host uses 10 minutes).</summary>
    public TimeSpan ProcessingLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>host.json beside the running assembly (the function app root, or the gitops tool's folder).</summary>
    public static string DefaultHostJsonPath => Path.Combine(AppContext.BaseDirectory, "host.json");

    public static QueueSettings Load(string hostJsonPath, IConfiguration configuration)
    {
        var settings = new QueueSettings();
        if (File.Exists(hostJsonPath))
        {
            var queues = JsonNode.Parse(File.ReadAllText(hostJsonPath), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })?["extensions"]?["queues"];
            if (queues is not null)
            {
                settings = settings with
                {
                    BatchSize = (int?)queues["batchSize"] ?? settings.BatchSize,
                    MaxDequeueCount = (int?)queues["maxDequeueCount"] ?? settings.MaxDequeueCount,
                    VisibilityTimeout = Span(queues["visibilityTimeout"]) ?? settings.VisibilityTimeout,
                    MaxPollingInterval = Span(queues["maxPollingInterval"]) ?? settings.MaxPollingInterval,
                };
            }
        }

        var overrides = configuration.GetSection("GitOps:Queues");
        return settings with
        {
            BatchSize = overrides.GetValue("BatchSize", settings.BatchSize),
            MaxDequeueCount = overrides.GetValue("MaxDequeueCount", settings.MaxDequeueCount),
            VisibilityTimeout = overrides.GetValue("VisibilityTimeout", settings.VisibilityTimeout),
            MaxPollingInterval = overrides.GetValue("MaxPollingInterval", settings.MaxPollingInterval),
        };
    }

    private static TimeSpan? Span(JsonNode? node)
        => node is null ? null : TimeSpan.Parse((string)node!, System.Globalization.CultureInfo.InvariantCulture);
}
