using System.Collections.Frozen;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeEmulator.Serialization;

/// <summary>
/// Decodes the Kubernetes protobuf envelope (<c>k8s\0</c> + runtime.Unknown) for the kinds kubectl's typed
/// generators send that way (<c>kubectl create namespace|configmap|secret|serviceaccount</c>) into JSON.
/// Other kinds are not known here and are refused as unsupported media, as for any unknown encoding.
/// </summary>
internal static class ProtobufObjects
{
    private enum Shape
    {
        Text,
        Bytes,
        Bool,
        Int,
        Message,
        TextMap,
        BytesMap,
        TextList,
    }

    private static readonly FrozenDictionary<string, (int Number, string Name, Shape Shape, string? Message)[]> Messages =
        new Dictionary<string, (int Number, string Name, Shape Shape, string? Message)[]>(StringComparer.Ordinal)
    {
        ["ObjectMeta"] =
        [
            (1, "name", Shape.Text, null), (2, "generateName", Shape.Text, null), (3, "namespace", Shape.Text, null),
            (6, "resourceVersion", Shape.Text, null), (11, "labels", Shape.TextMap, null), (12, "annotations", Shape.TextMap, null),
            (14, "finalizers", Shape.TextList, null),
        ],
        ["ConfigMap"] =
        [
            (1, "metadata", Shape.Message, "ObjectMeta"), (2, "data", Shape.TextMap, null), (3, "binaryData", Shape.BytesMap, null), (4, "immutable", Shape.Bool, null),
        ],
        ["Secret"] =
        [
            (1, "metadata", Shape.Message, "ObjectMeta"), (2, "data", Shape.BytesMap, null), (3, "type", Shape.Text, null),
            (4, "stringData", Shape.TextMap, null), (5, "immutable", Shape.Bool, null),
        ],
        ["Namespace"] = [(1, "metadata", Shape.Message, "ObjectMeta"), (2, "spec", Shape.Message, "NamespaceSpec")],
        ["NamespaceSpec"] = [(1, "finalizers", Shape.TextList, null)],
        ["ServiceAccount"] = [(1, "metadata", Shape.Message, "ObjectMeta"), (4, "automountServiceAccountToken", Shape.Bool, null)],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    public static bool IsEnvelope(ReadOnlySpan<byte> body) => body.StartsWith(Magic);

    /// <summary>The object as JSON, or null when its kind is not one this decoder knows.</summary>
    public static JsonObject? Decode(ReadOnlySpan<byte> body)
    {
        var reader = new ProtobufReader(body[Magic.Length..]);
        string? apiVersion = null;
        string? kind = null;
        var raw = ReadOnlySpan<byte>.Empty;
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 1 && wireType == 2)
            {
                var typeMeta = new ProtobufReader(reader.ReadBytes());
                while (!typeMeta.AtEnd)
                {
                    var (typeField, typeWire) = typeMeta.ReadTag();
                    if (typeWire != 2)
                    {
                        typeMeta.Skip(typeWire);
                        continue;
                    }

                    var text = Encoding.UTF8.GetString(typeMeta.ReadBytes());
                    apiVersion = typeField == 1 ? text : apiVersion;
                    kind = typeField == 2 ? text : kind;
                }
            }
            else if (field == 2 && wireType == 2)
            {
                raw = reader.ReadBytes();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        if (kind is null || !Messages.ContainsKey(kind) || kind == "ObjectMeta")
        {
            return null;
        }

        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        var message = ReadMessage(raw, kind);
        foreach (var name in message.Select(p => p.Key).ToList())
        {
            var value = message[name];
            message.Remove(name);
            obj[name] = value;
        }

        return obj;
    }

    private static JsonObject ReadMessage(ReadOnlySpan<byte> data, string message)
    {
        var fields = Messages[message];
        var result = new JsonObject();
        var reader = new ProtobufReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            var spec = Array.Find(fields, f => f.Number == number);
            if (spec.Name is null)
            {
                reader.Skip(wireType);
                continue;
            }

            switch (spec.Shape)
            {
                case Shape.Bool:
                    result[spec.Name] = reader.ReadVarint() != 0;
                    break;
                case Shape.Int:
                    result[spec.Name] = (long)reader.ReadVarint();
                    break;
                case Shape.Text:
                    var text = Encoding.UTF8.GetString(reader.ReadBytes());
                    if (text.Length > 0)
                    {
                        // Go strings are always on the wire; empty means unset (omitempty in JSON).
                        result[spec.Name] = text;
                    }

                    break;
                case Shape.Bytes:
                    result[spec.Name] = Convert.ToBase64String(reader.ReadBytes());
                    break;
                case Shape.Message:
                    result[spec.Name] = ReadMessage(reader.ReadBytes(), spec.Message!);
                    break;
                case Shape.TextList:
                    if (result[spec.Name] is not JsonArray list)
                    {
                        list = [];
                        result[spec.Name] = list;
                    }

                    list.Add(Encoding.UTF8.GetString(reader.ReadBytes()));
                    break;
                default:
                    if (result[spec.Name] is not JsonObject map)
                    {
                        map = [];
                        result[spec.Name] = map;
                    }

                    var (key, value) = ReadEntry(reader.ReadBytes(), spec.Shape == Shape.BytesMap);
                    map[key] = value;
                    break;
            }
        }

        return result;
    }

    private static (string Key, string Value) ReadEntry(ReadOnlySpan<byte> data, bool bytesValue)
    {
        var reader = new ProtobufReader(data);
        var key = "";
        var value = "";
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (wireType != 2)
            {
                reader.Skip(wireType);
                continue;
            }

            var bytes = reader.ReadBytes();
            if (number == 1)
            {
                key = Encoding.UTF8.GetString(bytes);
            }
            else if (number == 2)
            {
                value = bytesValue ? Convert.ToBase64String(bytes) : Encoding.UTF8.GetString(bytes);
            }
        }

        return (key, value);
    }
}
