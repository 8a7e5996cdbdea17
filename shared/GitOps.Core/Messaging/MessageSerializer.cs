using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GitOps.Core.Messaging;

/// <summary>Reads and writes queue message bodies.</summary>
public static class MessageSerializer
{
    public static string Serialize<T>(T message)
        => JsonSerializer.Serialize(message, TypeInfo<T>());

    /// <summary>Reads a message body; a body that is not valid JSON for <typeparamref name="T"/> is a <see cref="FormatException"/> naming the type.</summary>
    public static T Deserialize<T>(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, TypeInfo<T>())
                ?? throw new FormatException($"{typeof(T).Name}: the message body is null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{typeof(T).Name}: the message body is not valid: {e.Message}", e);
        }
    }

    private static JsonTypeInfo<T> TypeInfo<T>()
        => (JsonTypeInfo<T>?)MessageJsonContext.Default.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not a queue message type.");
}
