namespace GitOps.Core.Apply;

/// <summary>How objects we apply are marked as ours.</summary>
public static class Ownership
{
    /// <summary>The server-side apply field manager.</summary>
    public const string FieldManager = "gitops-functions";

    /// <summary>Label naming the application that owns the object; prune only ever deletes objects carrying it for that app.</summary>
    public const string AppLabel = "gitops-functions.io/app";
}
