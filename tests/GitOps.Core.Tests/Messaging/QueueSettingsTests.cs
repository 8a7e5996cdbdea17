using GitOps.Core.Messaging;
using Microsoft.Extensions.Configuration;

namespace GitOps.Core.Tests.Messaging;

public sealed class QueueSettingsTests
{
    [Fact]
    public void Load_HostJson_ReadsQueueSettings_AndConfigurationOverridesThem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "version": "2.0",
              "extensions": { "queues": { "batchSize": 8, "maxDequeueCount": 7, "visibilityTimeout": "00:00:15", "maxPollingInterval": "00:00:03" } } }
            """);
        try
        {
            var fromFile = QueueSettings.Load(path, new ConfigurationBuilder().Build());
            var overridden = QueueSettings.Load(path, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["GitOps:Queues:MaxDequeueCount"] = "2" }).Build());

            Assert.Equal(new QueueSettings { BatchSize = 8, MaxDequeueCount = 7, VisibilityTimeout = TimeSpan.FromSeconds(15), MaxPollingInterval = TimeSpan.FromSeconds(3) }, fromFile);
            Assert.Equal(2, overridden.MaxDequeueCount);
            Assert.Equal(8, overridden.BatchSize);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_RepositoryHostJson_PoisonsAfterFiveDeliveries()
    {
        var settings = QueueSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"), new ConfigurationBuilder().Build());

        Assert.Equal(5, settings.MaxDequeueCount);
    }
}
