using GitOps.Core.Messaging;

namespace GitOps.Core.Tests.Messaging;

public sealed class MessageSerializerTests
{
    [Fact]
    public void Deserialize_MessageFromANewerProducer_IgnoresUnknownFields()
    {
        var job = MessageSerializer.Deserialize<ReconcileJob>("""
            {"schemaVersion":2,"app":"web","cluster":"a","revision":"abc","reason":"new-commit","jobId":"j1","priority":"high"}
            """);

        Assert.Equal(new ReconcileJob("web", "a", "abc", "new-commit") { SchemaVersion = 2, JobId = "j1" }, job);
    }

    [Fact]
    public void Serialize_RoundTrips_WithSchemaVersion()
    {
        var job = new DriftScanJob("web", "a") { JobId = "scan-1" };

        var text = MessageSerializer.Serialize(job);

        Assert.Contains("\"schemaVersion\":2", text, StringComparison.Ordinal);
        Assert.Equal(job, MessageSerializer.Deserialize<DriftScanJob>(text));
    }

    [Fact]
    public void DriftScanJob_OfAWholeCluster_HasNoApp_AndAVersion1MessageStillReads()
    {
        var cluster = new DriftScanJob(null, "a") { JobId = "a.scan" };
        Assert.Equal(cluster, MessageSerializer.Deserialize<DriftScanJob>(MessageSerializer.Serialize(cluster)));

        var old = MessageSerializer.Deserialize<DriftScanJob>("""{"schemaVersion":1,"app":"web","cluster":"a","jobId":"j"}""");
        Assert.Equal(new DriftScanJob("web", "a") { SchemaVersion = 1, JobId = "j" }, old);
    }

    [Fact]
    public void HealthCheckJob_RoundTrips_WithAttemptAndStart()
    {
        var job = new HealthCheckJob("web", "a", "abc", "j1.1700000000000", new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), 3);

        var text = MessageSerializer.Serialize(job);

        Assert.Contains("\"schemaVersion\":1", text, StringComparison.Ordinal);
        Assert.Equal(job, MessageSerializer.Deserialize<HealthCheckJob>(text));
    }

    [Fact]
    public void Deserialize_NotJson_ThrowsFormatExceptionNamingTheType()
    {
        var error = Assert.Throws<FormatException>(() => MessageSerializer.Deserialize<ReconcileJob>("not json"));

        Assert.StartsWith("ReconcileJob:", error.Message, StringComparison.Ordinal);
    }
}
