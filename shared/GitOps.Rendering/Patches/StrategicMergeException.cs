namespace GitOps.Rendering.Patches;

/// <summary>
/// A strategic merge patch that cannot be applied (a map patched with a list, an unknown
/// <c>$patch</c> directive). The message starts with the field path; callers prefix the object and file.
/// </summary>
public sealed class StrategicMergeException : Exception
{
    public StrategicMergeException(string message)
        : base(message)
    {
    }

    public StrategicMergeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
