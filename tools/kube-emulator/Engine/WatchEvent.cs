using System.Text.Json.Nodes;

namespace KubeEmulator.Engine;

/// <summary>One change to a stored object, as a watch streams it: ADDED, MODIFIED or DELETED.</summary>
internal sealed record WatchEvent(string Table, string Namespace, string Type, JsonObject Object, long ResourceVersion);
