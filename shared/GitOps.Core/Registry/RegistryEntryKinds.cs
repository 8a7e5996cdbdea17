namespace GitOps.Core.Registry;

/// <summary>Names of the <see cref="EntryKind"/>s as they appear in output (<c>app/web</c>) and as table partition keys.</summary>
public static class RegistryEntryKinds
{
    /// <summary><c>source</c>, <c>cluster</c>, <c>app</c> or <c>notification</c>.</summary>
    public static string Label(this EntryKind kind) => kind switch
    {
        EntryKind.Source => "source",
        EntryKind.Cluster => "cluster",
        EntryKind.App => "app",
        EntryKind.Notification => "notification",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown registry entry kind."),
    };

    /// <summary>The entry as errors and output name it: <c>app/web</c>.</summary>
    public static string Describe(this EntryKind kind, string name) => $"{kind.Label()}/{name}";
}
