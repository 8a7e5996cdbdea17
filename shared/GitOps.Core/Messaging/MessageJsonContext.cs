using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.Core.Messaging;

/// <summary>
/// Source-generated serialization for every queue message. Unknown fields are ignored (a newer
/// producer may add some), so messages stay readable across versions.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SourceChange))]
[JsonSerializable(typeof(Notifications.NotificationJob))]
[JsonSerializable(typeof(ReconcileJob))]
[JsonSerializable(typeof(DriftScanJob))]
[JsonSerializable(typeof(HealthCheckJob))]
public sealed partial class MessageJsonContext : JsonSerializerContext
{
}
