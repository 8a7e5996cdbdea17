using System.Globalization;

namespace KubeEmulator.Serialization;

/// <summary>Kubernetes timestamps: RFC 3339, UTC, whole seconds.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
