using System.Text.Json.Nodes;

namespace GitOps.Core.Apply;

/// <summary>How objects we apply are marked as ours, and how a user keeps one from being pruned.</summary>
public static class Ownership
{
    /// <summary>The server-side apply field manager.</summary>
    public const string FieldManager = "gitops-functions";

    /// <summary>Label naming the application that owns the object; prune only ever deletes objects carrying it for that app.</summary>
    public const string AppLabel = "gitops-functions.io/app";

    /// <summary>Annotation that keeps an object from being pruned when set to <see cref="PruneDisabled"/>.</summary>
    public const string PruneAnnotation = "gitops-functions.io/prune";

    public const string PruneDisabled = "disabled";

    /// <summary>The label selector of the objects <paramref name="app"/> owns.</summary>
    public static string SelectorFor(string app) => $"{AppLabel}={app}";

    /// <summary>The label selector of the objects that other apps own.</summary>
    public static string SelectorForOthers(string app) => $"{AppLabel},{AppLabel}!={app}";

    public static string? AppOf(JsonObject obj) => (string?)obj["metadata"]?["labels"]?[AppLabel];

    public static bool IsPruneDisabled(JsonObject obj) => (string?)obj["metadata"]?["annotations"]?[PruneAnnotation] == PruneDisabled;
}
