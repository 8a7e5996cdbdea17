using System.Collections;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Benchmarks.ColdStart;

/// <summary>
/// The Functions host ↔ worker protocol messages, built and read through Google.Protobuf's reflection
/// API over the descriptors compiled into the worker's own gRPC assembly: the stand-in host speaks
/// exactly the protocol version the published worker speaks, with no copy of its .proto file.
/// </summary>
public sealed class RpcMessages
{
    private readonly FileDescriptor _file;

    public RpcMessages()
    {
        var assembly = Assembly.Load("Microsoft.Azure.Functions.Worker.Grpc");
        var reflection = assembly.GetTypes().SingleOrDefault(t => t.Name == "FunctionRpcReflection")
            ?? throw new InvalidOperationException("Microsoft.Azure.Functions.Worker.Grpc holds no FunctionRpcReflection: the worker's protocol descriptors moved");
        _file = (FileDescriptor)reflection.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
    }

    public MessageDescriptor Streaming => Type("StreamingMessage");

    public MessageDescriptor Type(string name)
        => _file.MessageTypes.FirstOrDefault(m => m.Name == name) ?? throw new InvalidOperationException($"the worker's protocol has no message {name}");

    /// <summary>A new message of type <paramref name="name"/> with the given scalar or message fields set.</summary>
    public IMessage New(string name, params (string Field, object Value)[] fields)
    {
        var message = (IMessage)Activator.CreateInstance(Type(name).ClrType)!;
        foreach (var (field, value) in fields)
        {
            Field(message, field).Accessor.SetValue(message, value);
        }

        return message;
    }

    /// <summary>A <c>StreamingMessage</c> carrying <paramref name="content"/> in its <paramref name="field"/>.</summary>
    public IMessage Envelope(string requestId, string field, IMessage content) => New("StreamingMessage", ("request_id", requestId), (field, content));

    public IMessage Parse(ReadOnlySpan<byte> bytes) => Streaming.Parser.ParseFrom(bytes.ToArray());

    /// <summary>The name of the field the envelope's <c>content</c> holds (<c>start_stream</c>, <c>invocation_response</c>, ...).</summary>
    public static string? ContentOf(IMessage envelope) => envelope.Descriptor.Oneofs.Single(o => o.Name == "content").Accessor.GetCaseFieldDescriptor(envelope)?.Name;

    public static object? Get(IMessage message, string field) => Field(message, field).Accessor.GetValue(message);

    public static IMessage GetMessage(IMessage message, string field) => (IMessage)Get(message, field)!;

    public static IList List(IMessage message, string field) => (IList)Get(message, field)!;

    public static IDictionary Map(IMessage message, string field) => (IDictionary)Get(message, field)!;

    private static FieldDescriptor Field(IMessage message, string field)
        => message.Descriptor.FindFieldByName(field)
            ?? throw new InvalidOperationException($"{message.Descriptor.Name} has no field {field} (it has {string.Join(", ", message.Descriptor.Fields.InDeclarationOrder().Select(f => f.Name))})");
}
